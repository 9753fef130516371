import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { seedViewStore, type SeededRuns } from './support/seed-view-store.ts';

describe('parity runs and parity show over eval and bench runs', () => {
  let directory: string;
  let storeFile: string;
  let seeded: SeededRuns;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-show-'));
    storeFile = join(directory, 'parity.db');
    const store = openSqliteRunStore({ path: storeFile });
    seeded = seedViewStore(store);
    store.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function run(argv: string[]) {
    const io = captureIo({ cwd: directory });
    const code = await main([...argv, '--store', storeFile], io);
    return { code, ...io.output };
  }

  it('lists eval and bench runs with their kind', async () => {
    const result = await run(['runs', '--json']);
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as { run_id: string; kind: string }[];
    expect(runs.find((entry) => entry.run_id === seeded.benchRunId)?.kind).toBe('bench');
    expect(runs.find((entry) => entry.run_id === seeded.strongRunId)?.kind).toBe('eval');
  });

  it('shows a bench run as its steps', async () => {
    const table = await run(['show', seeded.benchRunId]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/bench\s+completed\s+3\/3 steps/);
    const json = await run(['show', seeded.benchRunId, '--json']);
    const steps = JSON.parse(json.stdout) as Record<string, number | null>[];
    expect(steps).toHaveLength(3);
    expect(Object.keys(steps[0] ?? {})).toEqual(
      expect.arrayContaining(['completed', 'request_throughput', 'median_ttft_ms']),
    );
  });

  it('shows an eval run with its intervals and n', async () => {
    const result = await run(['show', seeded.strongRunId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/mmlu\.gen\.5shot\s+accuracy %\s+\d+\.\d  \[\d+\.\d, \d+\.\d\]/);
  });
});
