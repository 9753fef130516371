import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PARITY_BIN, runCli } from './support/run-cli.ts';

/** Whether this machine lets us run a command in a fresh network namespace (no interfaces but a down loopback). */
const canCutNetwork = spawnSync('unshare', ['--net', '--', 'true']).status === 0;

describe('parity demo on a fresh machine', () => {
  const home = mkdtempSync(join(tmpdir(), 'parity-demo-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.skipIf(!canCutNetwork)(
    'succeeds with the network cut off (skipped where `unshare --net` is not permitted)',
    () => {
      const result = spawnSync('unshare', ['--net', '--', process.execPath, PARITY_BIN, 'demo'], {
        cwd: home,
        env: { PATH: process.env.PATH ?? '', HOME: home },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.stderr).toContain('tiny random-weight test model');
      expect(result.status).toBe(0);
      const table = result.stdout;
      expect(table).toMatch(/mmlu\s+mmlu\.gen\.5shot\s+accuracy %\s+\d+\.\d  \[\d+\.\d, \d+\.\d\]\s+12\s/);
      expect(table).toMatch(
        /gsm8k\s+gsm8k\.cot\.8shot\s+accuracy_flexible %\s+\d+\.\d  \[\d+\.\d, \d+\.\d\]\s+8\s/,
      );
      expect(table).toContain('at or below chance level');
    },
  );

  it('stores both runs, completed, in ./.parity/parity.db', async () => {
    if (!canCutNetwork) {
      const demo = await runCli(['demo'], { cwd: home });
      expect(demo.code).toBe(0);
    }
    const runs = await runCli(['runs', '--json'], { cwd: home });
    expect(runs.code).toBe(0);
    const stored = JSON.parse(runs.stdout) as {
      protocol: string;
      status: string;
      n_done: number;
      n_total: number;
    }[];
    expect(
      stored
        .map(({ protocol, status, n_done, n_total }) => ({ protocol, status, n_done, n_total }))
        .sort((a, b) => a.protocol.localeCompare(b.protocol)),
    ).toEqual([
      { protocol: 'gsm8k.cot.8shot', status: 'completed', n_done: 8, n_total: 8 },
      { protocol: 'mmlu.gen.5shot', status: 'completed', n_done: 12, n_total: 12 },
    ]);
  });
});
