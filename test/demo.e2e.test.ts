import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARITY_BIN, runCli } from './support/run-cli.ts';

/** Whether this machine lets us run a command in a fresh network namespace (no interfaces but a down loopback). */
const canCutNetwork = spawnSync('unshare', ['--net', '--', 'true']).status === 0;

describe('parity demo on a fresh machine, offline', () => {
  const home = mkdtempSync(join(tmpdir(), 'parity-demo-'));
  let stdout = '';
  let stderr = '';
  let status: number | null = null;
  let seconds = 0;

  beforeAll(() => {
    // With the network cut off where the machine allows it (`unshare --net`), else as is: the demo must not need it.
    const command = canCutNetwork
      ? ['unshare', ['--net', '--', process.execPath, PARITY_BIN, 'demo']]
      : [process.execPath, [PARITY_BIN, 'demo']];
    const started = performance.now();
    const result = spawnSync(command[0] as string, command[1] as string[], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
      timeout: 240_000,
    });
    seconds = (performance.now() - started) / 1000;
    ({ stdout, stderr, status } = result);
  }, 250_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('succeeds, prints its explanation once, and every line of its story fits 100 columns', () => {
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    const notice = 'tiny random-weight models that parity generates';
    expect((stdout + stderr).split(notice)).toHaveLength(2);
    expect(stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
    console.log(
      `parity demo took ${seconds.toFixed(1)} s${canCutNetwork ? ' with the network cut off' : ''}`,
    );
  });

  it('steps 1 and 2: evaluates two generated models (different seeds) on the sample items', () => {
    for (const [name, seed] of [
      ['A', 1234],
      ['B', 5678],
    ] as const) {
      expect(stdout).toContain(`evaluate model ${name}: local:tiny-seed${seed}-ctx8192.gguf (seed ${seed})`);
      expect(stdout).toMatch(
        new RegExp(
          `model ${name}  mmlu\\s+accuracy %\\s+\\d+\\.\\d\\s+\\[\\d+\\.\\d, \\d+\\.\\d\\]\\s+12\\s+\\d{8}-`,
        ),
      );
      expect(stdout).toMatch(
        new RegExp(
          `model ${name}  gsm8k\\s+accuracy_flexible %\\s+\\d+\\.\\d\\s+\\[\\d+\\.\\d, \\d+\\.\\d\\]\\s+8\\s+\\d{8}-`,
        ),
      );
    }
    expect(existsSync(join(home, '.cache/parity/demo/tiny-seed1234-ctx8192.gguf'))).toBe(true);
    expect(existsSync(join(home, '.cache/parity/demo/tiny-seed5678-ctx8192.gguf'))).toBe(true);
  });

  it('step 3: compares them item by item with an equivalence verdict', () => {
    expect(stdout).toMatch(
      /mmlu accuracy: A \d+\.\d%, B \d+\.\d%, A − B [+-]\d+\.\d pts over 12 paired items\n/,
    );
    expect(stdout).toMatch(
      /95% CI \[[+-]\d+\.\d, [+-]\d+\.\d\] pts → (equivalent|different|inconclusive) at ±10 pts/,
    );
    expect(stdout).toMatch(/gsm8k accuracy_flexible: .* over 8 paired items/);
  });

  it('step 4: prices an example workload by API and self-hosted', () => {
    expect(stdout).toMatch(/step 4\/5: price a workload/);
    expect(stdout).toMatch(/model\s+deployment\s+\$\/month\s+\$\/M tokens\n/);
    expect(stdout).toMatch(/\n\S.*\s+API \w+\s+\$[\d,.]+\s+\$[\d.]+\n/);
    expect(stdout).toMatch(/\n\S.*\s+self-hosted \d+ × \S+\s.*\$[\d,.]+\s+\$[\d.]+\n/);
  });

  it('step 5: writes an HTML report of the four runs, then says how to go on', async () => {
    const report = join(home, '.parity', 'demo-report.html');
    expect(stdout).toContain(`wrote ${report}`);
    const html = readFileSync(report, 'utf8');
    const runs = await runCli(['runs', '--json'], { cwd: home });
    const stored = JSON.parse(runs.stdout) as { run_id: string; status: string }[];
    expect(stored.map((run) => run.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const run of stored) expect(html).toContain(run.run_id);
    expect(stdout).toMatch(/done in \d+\.\d s\. Next:\n  parity view\n/);
    expect(stdout).toMatch(/parity eval --model openai:gpt-4o-mini --bench mmlu/);
    expect(stdout).toContain('--base-url http://localhost:8000/v1');
  });
});
