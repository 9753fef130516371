import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { runCli, startCli } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

const SUBJECTS = 4;
const ROWS = 15;
const TOTAL = SUBJECTS * ROWS;

/** A deterministic "model": the answer letter is a function of the question text, so about a quarter is right. */
function answerFor(prompt: string): string {
  let hash = 0;
  for (const character of prompt) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return 'ABCD'[hash % 4] ?? 'A';
}

function lastUserMessage(body: { messages: readonly { role: string; content: string }[] }): string {
  return [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
}

interface StoredItem {
  itemId: string;
  extracted: string | null;
  scores: Readonly<Record<string, number | null>>;
  status: string;
}

function storedItems(storePath: string, runId: string): StoredItem[] {
  const store = openSqliteRunStore({ path: storePath });
  try {
    const run = store.getRun(runId);
    return (run?.items ?? [])
      .map(({ itemId, extracted, scores, status }) => ({ itemId, extracted, scores, status }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId));
  } finally {
    store.close();
  }
}

function onlyRunId(storePath: string): string {
  const store = openSqliteRunStore({ path: storePath });
  try {
    const runs = store.listRuns();
    expect(runs).toHaveLength(1);
    return runs[0]?.runId ?? '';
  } finally {
    store.close();
  }
}

describe('parity eval over real HTTP, killed with SIGKILL and resumed', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  /** Prompts of requests whose response was fully sent, in order. */
  const answered: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-e2e-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: SUBJECTS, rowsPerSubject: ROWS });
    server = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const prompt = lastUserMessage(body);
        answered.push(prompt);
        return { text: `The best answer is ${answerFor(prompt)}.`, ttftMs: 40 };
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
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
  ];

  it('ends with the same stored results as an uninterrupted run and requests no completed item twice', async () => {
    const interruptedStore = join(directory, 'interrupted.db');
    const { child, done } = startCli(evalArgs(interruptedStore), { cwd: directory });
    // Kill once a good part of the items has been answered.
    await new Promise<void>((resolvePromise) => {
      const timer = setInterval(() => {
        if (answered.length >= TOTAL / 3) {
          clearInterval(timer);
          resolvePromise();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');

    const runId = onlyRunId(interruptedStore);
    const beforeResume = storedItems(interruptedStore, runId);
    expect(beforeResume.length).toBeGreaterThan(0);
    expect(beforeResume.length).toBeLessThan(TOTAL);
    const answeredBeforeResume = answered.length;

    const resumed = await runCli(['resume', runId, '--store', interruptedStore], { cwd: directory });
    expect(resumed.stderr).not.toMatch(/error/i);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/mmlu\.gen\.5shot/);

    // No item that was stored before the resume was requested again (each prompt names its subject and row).
    const requestedAfter = answered.slice(answeredBeforeResume);
    const promptOf = (itemId: string): string => {
      const [subject, row] = itemId.split('/');
      return `In ${subject} (test ${row}),`;
    };
    for (const item of beforeResume) {
      expect(requestedAfter.filter((prompt) => prompt.includes(promptOf(item.itemId)))).toEqual([]);
    }
    // Every item not stored before was requested exactly once after.
    expect(requestedAfter).toHaveLength(TOTAL - beforeResume.length);
    const afterResume = storedItems(interruptedStore, runId);
    expect(afterResume).toHaveLength(TOTAL);
    expect(afterResume.every((item) => item.status === 'ok')).toBe(true);

    const fullStore = join(directory, 'full.db');
    const full = await runCli(evalArgs(fullStore), { cwd: directory });
    expect(full.code).toBe(0);
    expect(storedItems(fullStore, onlyRunId(fullStore))).toEqual(afterResume);
  });

  it('on Ctrl-C (SIGINT) stops, stores the run as interrupted, exits 3, and resumes to completion', async () => {
    const store = join(directory, 'sigint.db');
    const answeredAtStart = answered.length;
    const { child, done } = startCli(evalArgs(store), { cwd: directory });
    await new Promise<void>((resolvePromise) => {
      const timer = setInterval(() => {
        if (answered.length - answeredAtStart >= 6) {
          clearInterval(timer);
          resolvePromise();
        }
      }, 5);
    });
    child.kill('SIGINT');
    const interrupted = await done;
    expect(interrupted.code).toBe(3);
    const runId = onlyRunId(store);
    expect(interrupted.stderr).toContain(`parity resume ${runId}`);
    const summary = openSqliteRunStore({ path: store });
    try {
      expect(summary.getSummary(runId)?.status).toBe('interrupted');
    } finally {
      summary.close();
    }
    const resumed = await runCli(['resume', runId, '--store', store], { cwd: directory });
    expect(resumed.code).toBe(0);
    expect(storedItems(store, runId)).toHaveLength(TOTAL);
  });
});
