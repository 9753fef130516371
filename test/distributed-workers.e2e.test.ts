import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStore } from '../src/spec/index.ts';
import { openPostgresRunStore } from '../src/store/postgres/postgres-run-store.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';
import { postgresSkipReason, startPostgresServer, type PostgresServer } from './support/postgres-server.ts';
import { runCli, startCli, type CliResult } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

const skip = postgresSkipReason();
/** The server's limit: at most this many requests start in any one second. */
const serverLimitPerSecond = 20;
/** What the workers are told (requests per minute), a little under the server's limit. */
const workersRpm = 16 * 60;

/** Most request starts within any window of `windowMs`. */
function mostInWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

function outcomes(store: RunStore, runId: string): unknown[] {
  return store
    .listItemOutcomes(runId)
    .map((item) => ({
      itemId: item.itemId,
      status: item.status,
      extracted: item.extracted,
      scores: item.scores,
    }))
    .sort((a, b) => a.itemId.localeCompare(b.itemId));
}

describe.skipIf(skip !== undefined)(skip ?? 'distributed workers on the PostgreSQL store', () => {
  let postgres: PostgresServer;
  let server: OpenAICompatibleServer;
  let directory: string;
  const starts: number[] = [];
  let overLimit = 0;

  beforeAll(async () => {
    postgres = await startPostgresServer();
    directory = mkdtempSync(join(tmpdir(), 'parity-workers-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 3, rowsPerSubject: 20 });
    server = await startOpenAICompatibleServer({
      recordRequests: false,
      respond: ({ body }) => {
        const now = Date.now();
        starts.push(now);
        if (starts.filter((start) => now - start < 1000).length > serverLimitPerSecond) overLimit += 1;
        // A deterministic answer per prompt, right for some items and wrong for others.
        const prompt = JSON.stringify(body.messages);
        const letter = 'ABCD'[prompt.length % 4] ?? 'A';
        return { text: ` ${letter}`, ttftMs: 40 };
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    postgres?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const evalArgs = (store: string): string[] => [
    'eval',
    '--model',
    'openai:test-model',
    '--base-url',
    server.url,
    '--bench',
    'mmlu',
    '--data-dir',
    join(directory, 'data'),
    '--store',
    store,
    '--concurrency',
    '2',
    '--yes',
  ];

  it('three workers, one killed part-way, store every item once with the results of one process, within the rate limit', async () => {
    const url = postgres.createDatabase('team');
    const queued = await runCli([...evalArgs(url), '--queue'], { cwd: directory });
    expect(queued.code, queued.stderr).toBe(0);
    const runId = queued.stdout.trim().split('\n').at(-1) ?? '';
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-z]{4}$/);
    expect(starts).toHaveLength(0);

    const status = await runCli(['queue', '--store', url, '--json'], { cwd: directory });
    expect(JSON.parse(status.stdout).runs).toEqual([
      expect.objectContaining({
        runId,
        pending: 6,
        running: 0,
        doneItems: 0,
        totalItems: 60,
        status: 'running',
      }),
    ]);

    const workerArgs = [
      'worker',
      '--store',
      url,
      '--concurrency',
      '2',
      '--until-idle',
      '--rpm',
      String(workersRpm),
    ];
    const timing = ['--expire', '3', '--poll', '200', '--grace', '5'];
    const workers = [0, 1, 2].map(() => startCli([...workerArgs, ...timing], { cwd: directory }));
    const store = openPostgresRunStore({ url });
    try {
      // Kill the first worker once a sixth of the items are stored: its jobs in flight come back on expiry.
      const stderr = ['', '', ''];
      workers.forEach((worker, index) =>
        worker.child.stderr?.on('data', (chunk: Buffer) => (stderr[index] += chunk.toString())),
      );
      const deadline = Date.now() + 60_000;
      for (;;) {
        if ((store.getSummary(runId)?.doneItems ?? 0) >= 10) break;
        if (Date.now() > deadline) throw new Error(`no progress: ${stderr.join('\n---\n')}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
      workers[0]?.child.kill('SIGKILL');
      const results: CliResult[] = await Promise.all(workers.map((worker) => worker.done));
      expect(results[0]?.signal).toBe('SIGKILL');
      for (const result of results.slice(1))
        expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });

      const summary = store.getSummary(runId);
      expect(summary).toMatchObject({ doneItems: 60, totalItems: 60, status: 'completed' });
      const distributed = outcomes(store, runId);
      expect(distributed).toHaveLength(60);
      expect(new Set(distributed.map((item) => (item as { itemId: string }).itemId)).size).toBe(60);

      // Within the rate limit, all workers together.
      expect(overLimit).toBe(0);
      expect(mostInWindow(starts, 1000)).toBeLessThanOrEqual(serverLimitPerSecond);

      // The same run in one process gives the same results.
      const single = join(directory, 'single.db');
      const alone = await runCli(evalArgs(single), { cwd: directory });
      expect(alone.code, alone.stderr).toBe(0);
      const local = openSqliteRunStore({ path: single });
      try {
        const [localRun] = local.listRuns();
        expect(outcomes(local, localRun?.runId ?? '')).toEqual(distributed);
      } finally {
        local.close();
      }

      const after = await runCli(['queue', '--store', url, '--json'], { cwd: directory });
      expect(JSON.parse(after.stdout).runs[0]).toMatchObject({ pending: 0, running: 0, doneItems: 60 });
    } finally {
      store.close();
      for (const worker of workers) worker.child.kill('SIGKILL');
    }
  }, 300_000);

  it('a worker stopped with SIGTERM gives its jobs in flight back and leaves none running', async () => {
    const url = postgres.createDatabase('graceful');
    const queued = await runCli([...evalArgs(url), '--queue'], { cwd: directory });
    expect(queued.code, queued.stderr).toBe(0);
    const runId = queued.stdout.trim().split('\n').at(-1) ?? '';
    const worker = startCli(
      ['worker', '--store', url, '--concurrency', '2', '--grace', '0', '--poll', '200'],
      {
        cwd: directory,
      },
    );
    const store = openPostgresRunStore({ url });
    try {
      for (;;) {
        if ((store.getSummary(runId)?.doneItems ?? 0) >= 3) break;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
      worker.child.kill('SIGTERM');
      const result = await worker.done;
      expect(result.signal).toBeNull();
      expect(result.stderr).toContain('worker: stopping');
      const status = await runCli(['queue', '--store', url, '--json'], { cwd: directory });
      const [run] = JSON.parse(status.stdout).runs as {
        running: number;
        pending: number;
        completed: number;
      }[];
      expect(run?.running).toBe(0);
      expect((run?.pending ?? 0) + (run?.completed ?? 0)).toBe(6);
      expect(store.getSummary(runId)?.doneItems).toBe(store.listItemOutcomes(runId).length);
    } finally {
      store.close();
      worker.child.kill('SIGKILL');
    }
  }, 300_000);
});
