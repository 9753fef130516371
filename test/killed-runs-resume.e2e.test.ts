import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { runCli, startCli } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

const SUBJECTS = 2;
const ROWS = 10;
const TOTAL = SUBJECTS * ROWS;

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolveWait) => setTimeout(resolveWait, 5));
}

function onlyRunId(store: string): string {
  const opened = openSqliteRunStore({ path: store });
  try {
    const runs = opened.listRuns();
    expect(runs).toHaveLength(1);
    return runs[0]?.runId ?? '';
  } finally {
    opened.close();
  }
}

describe('killed runs and resume with new settings', () => {
  let directory: string;
  let slow: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let fast: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  /** Never answers within the test: a run against it stays `running` until it is killed. */
  let hanging: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let hangingRequests = 0;
  let slowRequests = 0;
  let fastRequests = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-killed-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: SUBJECTS, rowsPerSubject: ROWS });
    slow = await startOpenAICompatibleServer({
      respond: () => {
        slowRequests += 1;
        return { text: 'The best answer is B.', ttftMs: 150 };
      },
    });
    hanging = await startOpenAICompatibleServer({
      respond: () => {
        hangingRequests += 1;
        return { text: 'The best answer is A.', headersDelayMs: 600_000 };
      },
    });
    fast = await startOpenAICompatibleServer({
      respond: () => {
        fastRequests += 1;
        return { text: 'The best answer is C.' };
      },
    });
  });

  afterAll(async () => {
    await slow.close();
    await fast.close();
    await hanging.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const evalArgs = (options: { store: string; model?: string; baseUrl: string }): string[] => [
    'eval',
    '--model',
    options.model ?? 'openai:test-model',
    '--base-url',
    options.baseUrl,
    '--bench',
    'mmlu',
    '--data-dir',
    join(directory, 'data'),
    '--store',
    options.store,
    '--concurrency',
    '1',
  ];

  it('a run killed with SIGKILL lists as interrupted; resume refuses it while its process lives', async () => {
    const store = join(directory, 'killed.db');
    const { child, done } = startCli(evalArgs({ store, baseUrl: hanging.url }), { cwd: directory });
    await waitFor(() => hangingRequests >= 1);

    // While the owner lives: `running`, and a second process may not resume it.
    const runId = onlyRunId(store);
    const whileRunning = await runCli(['runs', '--store', store, '--json'], { cwd: directory });
    expect(JSON.parse(whileRunning.stdout)).toMatchObject([{ run_id: runId, status: 'running' }]);
    const concurrentResume = await runCli(['resume', runId, '--store', store], { cwd: directory });
    expect(concurrentResume.code).toBe(2);
    expect(concurrentResume.stderr).toMatch(
      new RegExp(`run ${runId} is still running in process ${child.pid} on .+; wait for it or stop it`),
    );

    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const runs = await runCli(['runs', '--store', store, '--json'], { cwd: directory });
    expect(JSON.parse(runs.stdout)).toMatchObject([{ run_id: runId, status: 'interrupted' }]);
    const show = await runCli(['show', runId, '--store', store], { cwd: directory });
    expect(show.stdout).toContain(`run ${runId}  interrupted`);

    const resumed = await runCli(['resume', runId, '--store', store, '--base-url', fast.url], {
      cwd: directory,
    });
    expect(resumed.code).toBe(0);
    const after = await runCli(['runs', '--store', store, '--json'], { cwd: directory });
    expect(JSON.parse(after.stdout)).toMatchObject([
      { run_id: runId, status: 'completed', n_done: TOTAL, n_total: TOTAL },
    ]);
  }, 240_000);

  it('resume of a run that failed on a wrong URL takes --base-url, --concurrency, --timeout, --retries and records them', async () => {
    const store = join(directory, 'wrong-url.db');
    const wrongUrl = 'http://127.0.0.1:9/v1';
    const failed = await runCli([...evalArgs({ store, baseUrl: wrongUrl }), '--retries', '0'], {
      cwd: directory,
    });
    expect(failed.code).toBe(2);
    const runId = onlyRunId(store);
    expect(failed.stderr).toContain(`parity resume ${runId}`);

    const fastBefore = fastRequests;
    const resumed = await runCli(
      [
        'resume',
        runId,
        '--store',
        store,
        '--base-url',
        fast.url,
        '--concurrency',
        '3',
        '--timeout',
        '30',
        '--retries',
        '2',
      ],
      { cwd: directory },
    );
    expect(resumed.stderr).toContain(`model.endpoint: ${wrongUrl} → ${fast.url}`);
    expect(resumed.code).toBe(0);
    expect(fastRequests - fastBefore).toBe(TOTAL);

    const opened = openSqliteRunStore({ path: store });
    try {
      const summary = opened.getSummary(runId);
      expect(summary).toMatchObject({
        status: 'completed',
        doneItems: TOTAL,
        config: {
          model: { endpoint: fast.url },
          concurrency: 3,
          timeoutMs: 30_000,
          maxRetries: 2,
        },
        history: [
          {
            command: 'resume',
            changed: {
              'model.endpoint': { from: wrongUrl, to: fast.url },
              concurrency: { from: 1, to: 3 },
              timeoutMs: { from: 120_000, to: 30_000 },
              maxRetries: { from: 0, to: 2 },
            },
          },
        ],
      });
    } finally {
      opened.close();
    }
    const show = await runCli(['show', runId, '--store', store], { cwd: directory });
    expect(show.stdout).toMatch(
      /resume at \S+: concurrency 1 → 3, .*model\.endpoint http:\/\/127\.0\.0\.1:9\/v1 → /,
    );
  }, 240_000);

  it('resume of a preset spec (vllm:) reconnects to the stored endpoint, not the preset default', async () => {
    const store = join(directory, 'preset.db');
    const before = slowRequests;
    const { child, done } = startCli(evalArgs({ store, model: 'vllm:test-model', baseUrl: slow.url }), {
      cwd: directory,
    });
    await waitFor(() => slowRequests >= before + 3);
    child.kill('SIGINT');
    expect((await done).code).toBe(3);
    const runId = onlyRunId(store);
    const beforeResume = slowRequests;
    const resumed = await runCli(['resume', runId, '--store', store], { cwd: directory });
    expect(resumed.stderr).not.toMatch(/→/);
    expect(resumed.code).toBe(0);
    expect(slowRequests).toBeGreaterThan(beforeResume);
    const opened = openSqliteRunStore({ path: store });
    try {
      expect(opened.getSummary(runId)).toMatchObject({
        status: 'completed',
        doneItems: TOTAL,
        config: { model: { provider: 'vllm', endpoint: slow.url } },
      });
      expect(opened.getSummary(runId)?.history).toBeUndefined();
    } finally {
      opened.close();
    }
  }, 240_000);
});
