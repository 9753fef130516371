import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startReplayServer, type ReplayScenario, type ReplayServer } from './support/replay-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/**
 * Fault tolerance end to end: a 1,000-item `parity eval` against a deterministic server that answers 20% of
 * requests with a fault (429 + Retry-After, 500, 503, connection reset, stream cut part-way, stream ended
 * early, malformed JSON, a mangled chunk) stores exactly 1,000 results, no duplicates, with the same scores as a
 * fault-free run; the same faults on plain (non-streamed) responses, in a log-likelihood run, end the same way.
 * The same runs carry a known fake key, which must appear nowhere: store file bytes, logs, reports, errors.
 */
const fakeKey = 'sk-parity-FAKE-KEY-4f1d9c2e7b';
const ITEMS = 1000;

function answerFor(prompt: string): string {
  let hash = 0;
  for (const character of prompt) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return 'ABCD'[hash % 4] ?? 'A';
}

/** Seeded per request index, so the fault pattern is the same on every run of the test. */
function faultFor(index: number): ReplayScenario | undefined {
  let state = (index + 1) * 2654435761;
  state = (state ^ (state >>> 15)) >>> 0;
  state = Math.imul(state, 2246822519) >>> 0;
  state = (state ^ (state >>> 13)) >>> 0;
  if (state % 100 >= 20) return undefined;
  const faults: ReplayScenario[] = [
    // The key echoed in error bodies checks that it is scrubbed from every message.
    { type: 'error', status: 429, message: `Rate limit reached for key ${fakeKey}`, retryAfterSeconds: 1 },
    { type: 'error', status: 500, message: `internal error (key ${fakeKey})` },
    { type: 'error', status: 503, message: 'overloaded' },
    { type: 'reset' },
    { type: 'cut' },
    { type: 'truncated' },
    { type: 'malformed' },
    { type: 'mangled' },
  ];
  return faults[state % faults.length];
}

function scenarioFor(body: Record<string, unknown>): ReplayScenario {
  const messages = (body.messages ?? []) as { role: string; content: string }[];
  const prompt =
    [...messages].reverse().find((message) => message.role === 'user')?.content ?? String(body.prompt ?? '');
  return {
    type: 'text',
    chunks: ['The best ', 'answer is ', answerFor(prompt), '.', ' Extra.'],
    usage: { input: 100, output: 5 },
  };
}

function storedScores(storePath: string, runId: string) {
  const store = openSqliteRunStore({ path: storePath });
  try {
    const run = store.getRun(runId);
    return (run?.items ?? []).map((item) => ({
      key: `${item.itemId}#${item.sample}`,
      status: item.status,
      extracted: item.extracted,
      scores: item.scores,
    }));
  } finally {
    store.close();
  }
}

function runIdFrom(stderr: string): string {
  return /run ([\w-]+):/.exec(stderr)?.[1] ?? '';
}

describe('chaos: 20% faulty server, 1,000 items', () => {
  let directory: string;
  let chaotic: ReplayServer;
  let steady: ReplayServer;
  let faults = 0;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-chaos-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 10, rowsPerSubject: ITEMS / 10 });
    chaotic = await startReplayServer({
      recordRequests: false,
      respond: ({ body, index }) => {
        const fault = faultFor(index);
        if (fault) faults += 1;
        return fault ?? scenarioFor(body);
      },
    });
    steady = await startReplayServer({ recordRequests: false, respond: ({ body }) => scenarioFor(body) });
  });
  afterAll(async () => {
    await chaotic.close();
    await steady.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const evalArgs = (url: string, store: string) => [
    'eval',
    '--model',
    'openai:chaos-model',
    '--base-url',
    `${url}/v1`,
    '--bench',
    'mmlu',
    '--protocol',
    'mmlu.gen.5shot',
    '--data-dir',
    join(directory, 'data'),
    '--store',
    store,
    '--concurrency',
    '32',
    '--retries',
    '12',
    '--no-download',
  ];

  it('stores exactly 1,000 results with the scores of a fault-free run, and never the key', async () => {
    const env = { OPENAI_API_KEY: fakeKey };
    const chaosStore = join(directory, 'chaos.db');
    const chaosIo = captureIo({ cwd: directory, env });
    expect(await main(evalArgs(chaotic.origin, chaosStore), chaosIo)).toBe(0);
    const steadyStore = join(directory, 'steady.db');
    const steadyIo = captureIo({ cwd: directory, env });
    expect(await main(evalArgs(steady.origin, steadyStore), steadyIo)).toBe(0);

    expect(faults).toBeGreaterThan(150);
    const chaosItems = storedScores(chaosStore, runIdFrom(chaosIo.output.stderr));
    const steadyItems = storedScores(steadyStore, runIdFrom(steadyIo.output.stderr));
    expect(chaosItems).toHaveLength(ITEMS);
    expect(new Set(chaosItems.map((item) => item.key)).size).toBe(ITEMS);
    expect(chaosItems.every((item) => item.status === 'ok')).toBe(true);
    const byKey = (items: typeof chaosItems) => [...items].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(chaosItems)).toEqual(byKey(steadyItems));

    // A run that fails for good puts the server's error (which echoes the key) into the store and stderr.
    const failing = await startReplayServer({
      respond: () => ({ type: 'error', status: 401, message: `Incorrect API key provided: ${fakeKey}` }),
    });
    const failIo = captureIo({ cwd: directory, env });
    const failCode = await main([...evalArgs(failing.origin, chaosStore), '--limit', '3'], failIo);
    await failing.close();
    expect(failCode).toBe(2);
    expect(failIo.output.stderr).toContain('Incorrect API key provided: ***');

    const showIo = captureIo({ cwd: directory, env });
    const failedRun = runIdFrom(failIo.output.stderr);
    expect(await main(['show', failedRun, '--json', '--items', '--store', chaosStore], showIo)).toBe(0);
    const chaosShowIo = captureIo({ cwd: directory, env });
    expect(
      await main(
        ['show', runIdFrom(chaosIo.output.stderr), '--json', '--items', '--store', chaosStore],
        chaosShowIo,
      ),
    ).toBe(0);
    const outputs = [chaosIo, steadyIo, failIo, showIo, chaosShowIo].flatMap((io) => [
      io.output.stdout,
      io.output.stderr,
    ]);
    for (const text of outputs) expect(text).not.toContain(fakeKey);
    expect(showIo.output.stdout).toContain('Incorrect API key provided: ***');
    // Every byte of every store file (database, WAL, shared memory).
    const storeFiles = readdirSync(directory).filter((name) => name.includes('.db'));
    expect(storeFiles.length).toBeGreaterThan(1);
    for (const name of storeFiles) {
      expect(readFileSync(join(directory, name)).includes(Buffer.from(fakeKey)), name).toBe(false);
    }
  }, 240_000);

  it('ends a log-likelihood run (plain JSON responses) with the same per-item results as a fault-free run', async () => {
    const args = (url: string, store: string) => [
      ...evalArgs(url, store).map((arg) => (arg === 'mmlu.gen.5shot' ? 'mmlu.loglik.5shot' : arg)),
      '--limit',
      '10',
    ];
    const env = { OPENAI_API_KEY: fakeKey };
    const before = faults;
    const chaosIo = captureIo({ cwd: directory, env });
    const chaosStore = join(directory, 'chaos-loglik.db');
    expect(await main(args(chaotic.origin, chaosStore), chaosIo), chaosIo.output.stderr).toBe(0);
    const steadyIo = captureIo({ cwd: directory, env });
    const steadyStore = join(directory, 'steady-loglik.db');
    expect(await main(args(steady.origin, steadyStore), steadyIo)).toBe(0);
    expect(faults - before).toBeGreaterThan(5);
    const chaosItems = storedScores(chaosStore, runIdFrom(chaosIo.output.stderr));
    const steadyItems = storedScores(steadyStore, runIdFrom(steadyIo.output.stderr));
    const byKey = (items: typeof chaosItems) => [...items].sort((a, b) => a.key.localeCompare(b.key));
    expect(chaosItems.length).toBeGreaterThanOrEqual(10);
    expect(chaosItems).toHaveLength(steadyItems.length);
    expect(chaosItems.every((item) => item.status === 'ok')).toBe(true);
    expect(byKey(chaosItems)).toEqual(byKey(steadyItems));
  }, 240_000);
});
