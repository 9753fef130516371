import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { seedViewStore, type SeededRuns } from './support/seed-view-store.ts';

interface RunJson {
  run_id: string;
  benchmark: string;
  model: string;
  status: string;
  labels: string[];
}

describe('managing runs: filters, labels, rm', () => {
  let directory: string;
  let storeFile: string;
  let seeded: SeededRuns;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-runs-'));
    storeFile = join(directory, 'parity.db');
    const store = openSqliteRunStore({ path: storeFile });
    seeded = seedViewStore(store);
    store.recordGold?.(seeded.hostileRunId, new Map([['item-1', { target: 'B', choices: ['x', 'y'] }]]));
    store.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function run(argv: string[], cwd = directory) {
    const io = captureIo({ cwd });
    const code = await main(argv, io);
    return { code, ...io.output };
  }
  async function runIds(filters: string[]): Promise<string[]> {
    const result = await run(['runs', '--json', '--store', storeFile, ...filters]);
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as RunJson[]).map((entry) => entry.run_id).sort();
  }

  it('filters by benchmark, model (part of the spec), status, and combines filters', async () => {
    expect(await runIds(['--benchmark', 'gsm8k'])).toEqual([seeded.hostileRunId]);
    expect(await runIds(['--model', 'gpt-4o'])).toEqual([seeded.strongRunId, seeded.runningRunId].sort());
    expect(await runIds(['--status', 'running'])).toEqual([seeded.runningRunId]);
    expect(await runIds(['--benchmark', 'mmlu', '--status', 'completed', '--model', 'llama'])).toEqual([
      seeded.weakRunId,
    ]);
    const none = await run(['runs', '--store', storeFile, '--benchmark', 'humaneval']);
    expect(none.stdout).toBe('no runs match these filters\n');
  });

  it('refuses an unknown status in one line (exit 2)', async () => {
    const result = await run(['runs', '--store', storeFile, '--status', 'done']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^parity: .*--status.*done.*\n$/);
  });

  it('labels a run, finds it by label, shows the label, removes it', async () => {
    const added = await run(['label', seeded.weakRunId, 'baseline', '--store', storeFile]);
    expect(added).toMatchObject({ code: 0, stdout: `run ${seeded.weakRunId}: labels baseline\n` });
    await run(['label', seeded.weakRunId, 'q4', '--store', storeFile]);
    expect(await runIds(['--label', 'baseline'])).toEqual([seeded.weakRunId]);
    const listed = JSON.parse(
      (await run(['runs', '--json', '--store', storeFile, '--label', 'q4'])).stdout,
    ) as RunJson[];
    expect(listed[0]?.labels).toEqual(['baseline', 'q4']);
    const table = await run(['runs', '--store', storeFile, '--label', 'q4']);
    expect(table.stdout).toMatch(/labels\n.*baseline, q4\n$/);
    await run(['label', seeded.weakRunId, 'baseline', '--remove', '--store', storeFile]);
    expect(await runIds(['--label', 'baseline'])).toEqual([]);
    const missing = await run(['label', 'no-such-run', 'x', '--store', storeFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no run 'no-such-run'");
  });

  it('rm deletes runs with their items, checks every id first, refuses a running run without --force', async () => {
    const typo = await run(['rm', seeded.hostileRunId, 'no-such-run', '--store', storeFile]);
    expect(typo.code).toBe(2);
    expect(await runIds(['--benchmark', 'gsm8k'])).toEqual([seeded.hostileRunId]);

    const running = await run(['rm', seeded.runningRunId, '--store', storeFile]);
    expect(running.code).toBe(2);
    expect(running.stderr).toContain('still running');

    const removed = await run([
      'rm',
      seeded.hostileRunId,
      seeded.runningRunId,
      '--force',
      '--store',
      storeFile,
    ]);
    expect(removed).toMatchObject({
      code: 0,
      stdout: `deleted run ${seeded.hostileRunId}\ndeleted run ${seeded.runningRunId}\n`,
    });
    expect(await runIds(['--benchmark', 'gsm8k'])).toEqual([]);
    const show = await run(['show', seeded.hostileRunId, '--store', storeFile]);
    expect(show.code).toBe(2);
    const store = openSqliteRunStore({ path: storeFile });
    try {
      expect(store.listItemOutcomes(seeded.hostileRunId)).toEqual([]);
      expect(store.getFingerprints?.(seeded.hostileRunId)).toBeUndefined();
      expect(store.getGold?.(seeded.hostileRunId).size).toBe(0);
    } finally {
      store.close();
    }
  });

  it('read-only commands never create a store where none exists', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parity-nostore-'));
    try {
      const runs = await run(['runs'], empty);
      expect(runs).toMatchObject({
        code: 0,
        stdout: "no runs yet: start one with 'parity eval' or 'parity demo'\n",
      });
      expect((await run(['runs', '--json'], empty)).stdout).toBe('[]\n');
      for (const argv of [
        ['show', 'some-run'],
        ['report', 'some-run', '--html', join(empty, 'report.html')],
        ['compare', 'a', 'b'],
        ['rm', 'some-run'],
        ['label', 'some-run', 'x'],
        ['plan', '--bench', 'mmlu', '--from', 'some-run'],
      ]) {
        const result = await run(argv, empty);
        expect({ argv, code: result.code, stderr: result.stderr }).toEqual({
          argv,
          code: 2,
          stderr: expect.stringContaining('there is no run store here yet') as string,
        });
      }
      expect(existsSync(join(empty, '.parity'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
