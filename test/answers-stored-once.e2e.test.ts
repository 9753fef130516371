import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { runCli } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

// Each answer is stored once (docs/decisions/0315): an item's cache row names the item row. The response cache
// still answers later runs, after the run that asked is deleted, and in a store copied from this one.

const TOTAL = 2 * 3;

function cacheTexts(storePath: string): string[] {
  const database = new Database(storePath, { readonly: true });
  try {
    return database.prepare<[], string>('SELECT response FROM cache ORDER BY key').pluck().all();
  } finally {
    database.close();
  }
}

function runScores(storePath: string): { runId: string; items: [string, string | null, boolean][] }[] {
  const store = openSqliteRunStore({ path: storePath });
  try {
    return store
      .listRuns()
      .reverse()
      .map(({ runId }) => ({
        runId,
        items: (store.getRun(runId)?.items ?? [])
          .map((item): [string, string | null, boolean] => [item.itemId, item.extracted, item.cached])
          .sort((a, b) => a[0].localeCompare(b[0])),
      }));
  } finally {
    store.close();
  }
}

describe('parity eval stores each answer once and keeps answering from the cache', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let requests = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-once-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 3 });
    server = await startOpenAICompatibleServer({
      respond: () => {
        requests += 1;
        return { text: `The best answer is ${'ABCD'[requests % 4] ?? 'A'}.` };
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const run = (args: string[]) => runCli(args, { cwd: directory });
  const evalArgs = (store: string): string[] => [
    'eval',
    ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', 'mmlu'],
    ...['--data-dir', join(directory, 'data'), '--store', store, '--concurrency', '2'],
  ];

  it('answers a second run from the cache, also once the first run is deleted and in a copied store', async () => {
    const store = join(directory, 'parity.db');
    expect((await run(evalArgs(store))).code).toBe(0);
    expect(requests).toBe(TOTAL);
    // The cache rows name the items instead of holding a second copy of their answers.
    expect(cacheTexts(store)).toHaveLength(TOTAL);
    expect(cacheTexts(store).every((text) => text.startsWith('@item ["'))).toBe(true);

    expect((await run(evalArgs(store))).code).toBe(0);
    expect(requests).toBe(TOTAL);
    const [first, second] = runScores(store);
    expect(first?.items.map(([itemId, extracted]) => [itemId, extracted])).toEqual(
      second?.items.map(([itemId, extracted]) => [itemId, extracted]),
    );
    expect(first?.items.every(([, , cached]) => !cached)).toBe(true);
    expect(second?.items.every(([, , cached]) => cached)).toBe(true);

    const removed = await run(['rm', first?.runId ?? '', '--store', store]);
    expect(removed.code).toBe(0);
    // The deleted run's answers moved into the cache rows themselves.
    expect(cacheTexts(store).every((text) => text.startsWith('{"text":'))).toBe(true);
    expect((await run(evalArgs(store))).code).toBe(0);
    expect(requests).toBe(TOTAL);

    const copied = join(directory, 'copied.db');
    const copy = await run(['store', 'copy', '--from', `sqlite:${store}`, '--to', `sqlite:${copied}`]);
    expect(copy.code).toBe(0);
    expect((await run(evalArgs(copied))).code).toBe(0);
    expect(requests).toBe(TOTAL);
    const copiedRuns = runScores(copied);
    expect(copiedRuns).toHaveLength(3);
    expect(copiedRuns.at(-1)?.items.map(([itemId, extracted]) => [itemId, extracted])).toEqual(
      first?.items.map(([itemId, extracted]) => [itemId, extracted]),
    );
  });
});
