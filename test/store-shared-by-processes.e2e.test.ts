import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { startCli } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

const SUBJECTS = 4;
const ROWS = 20;
const TOTAL = SUBJECTS * ROWS;
const PROCESSES = 3;

describe('several parity eval processes writing one store at once', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-shared-store-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: SUBJECTS, rowsPerSubject: ROWS });
    // Instant answers: the processes spend their time writing the store, so their commits collide.
    server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The best answer is B.' }) });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('all exit 0 and every item of every run is stored exactly once', async () => {
    const store = join(directory, 'shared.db');
    const runs = Array.from({ length: PROCESSES }, (_, index) =>
      startCli(
        [
          'eval',
          '--model',
          `openai:model-${index}`,
          '--base-url',
          server.url,
          '--bench',
          'mmlu',
          '--data-dir',
          join(directory, 'data'),
          '--store',
          store,
          '--concurrency',
          '8',
          // Distinct models: no process can take another's answers from the shared response cache.
          '--no-cache',
        ],
        { cwd: directory },
      ),
    );
    const results = await Promise.all(runs.map((run) => run.done));
    for (const result of results) {
      expect(result.stderr).not.toMatch(/locked|SQLITE/i);
      expect(result.code).toBe(0);
    }

    const database = new Database(store, { readonly: true });
    try {
      const perRun = database
        .prepare<[], { status: string; done_items: number; items: number; distinct_items: number }>(
          `SELECT runs.status, runs.done_items,
                  (SELECT COUNT(*) FROM items WHERE items.run_id = runs.id) AS items,
                  (SELECT COUNT(DISTINCT item_id || '#' || sample) FROM items WHERE items.run_id = runs.id) AS distinct_items
           FROM runs ORDER BY runs.id`,
        )
        .all();
      expect(perRun).toEqual(
        Array.from({ length: PROCESSES }, () => ({
          status: 'completed',
          done_items: TOTAL,
          items: TOTAL,
          distinct_items: TOTAL,
        })),
      );
    } finally {
      database.close();
    }
  });
});
