import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { runCli, startCli, type CliResult } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';
import type { ChildProcess } from 'node:child_process';

/**
 * Milliseconds from the signal to the exit. The target is one second (parity exits by itself 1 s after the
 * signal whatever is still running); the bound below leaves ample room for a loaded machine descheduling the child
 * (four busy loops on two cores) — a command that ignores the signal waits for the server's 600 s answer.
 */
const STOP_BOUND_MS = 10_000;

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolveWait) => setTimeout(resolveWait, 10));
}

async function stopTime(
  child: ChildProcess,
  done: Promise<CliResult>,
  signal: NodeJS.Signals,
): Promise<{ result: CliResult; stopMs: number }> {
  const sent = performance.now();
  child.kill(signal);
  const result = await done;
  return { result, stopMs: performance.now() - sent };
}

describe('long commands stop on SIGINT and SIGTERM', () => {
  let directory: string;
  /** Accepts every request and never answers within the test. */
  let hanging: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  /** Requests received, by model name (each test uses its own). */
  const received = new Map<string, number>();
  const receivedFor = (model: string): number => received.get(model) ?? 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-stop-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 10 });
    hanging = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        received.set(body.model, receivedFor(body.model) + 1);
        return { text: 'late', headersDelayMs: 600_000 };
      },
    });
  });

  afterAll(async () => {
    await hanging.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('bench --request-rate inf with --duration is refused in one line instead of hanging', async () => {
    const result = await runCli(
      [
        'bench',
        '--model',
        'openai:m',
        '--base-url',
        hanging.url,
        '--request-rate',
        'inf',
        '--duration',
        '2',
        '--store',
        join(directory, 'bench.db'),
      ],
      { cwd: directory },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "parity: --request-rate: 'inf' sends every request of a step at once, so it needs a count: give --requests N instead of --duration\n",
    );
  });

  it('bench --request-rate inf with requests in flight stops on SIGTERM', async () => {
    const { child, done } = startCli(
      [
        'bench',
        '--model',
        'openai:bench-model',
        '--base-url',
        hanging.url,
        '--request-rate',
        'inf',
        '--requests',
        '2000',
        '--warmup',
        '0',
        '--store',
        join(directory, 'bench-inf.db'),
      ],
      { cwd: directory },
    );
    await waitFor(() => receivedFor('bench-model') >= 50);
    const { result, stopMs } = await stopTime(child, done, 'SIGTERM');
    expect(result.code).toBe(3);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
  });

  it('eval with requests in flight stops on SIGTERM, exit 3, the run interrupted', async () => {
    const store = join(directory, 'eval.db');
    const { child, done } = startCli(
      [
        'eval',
        '--model',
        'openai:eval-model',
        '--base-url',
        hanging.url,
        '--bench',
        'mmlu',
        '--data-dir',
        join(directory, 'data'),
        '--store',
        store,
      ],
      { cwd: directory },
    );
    await waitFor(() => receivedFor('eval-model') >= 1);
    const { result, stopMs } = await stopTime(child, done, 'SIGTERM');
    expect(result.code).toBe(3);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    const opened = openSqliteRunStore({ path: store });
    try {
      expect(opened.listRuns().map((run) => run.status)).toEqual(['interrupted']);
    } finally {
      opened.close();
    }
  });

  it('view stops on SIGINT', async () => {
    const store = join(directory, 'eval.db');
    const { child, done } = startCli(['view', '--store', store, '--port', '0'], { cwd: directory });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    void done.then(() => (exited = true));
    await waitFor(() => output.includes('http://') || exited);
    const { result, stopMs } = await stopTime(child, done, 'SIGINT');
    expect(result.code).toBe(0);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
  });
});
