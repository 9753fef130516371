import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemRecord, RunStore } from '../spec/index.ts';
import { openSqliteRunStore } from './sqlite-run-store.ts';

function record(itemId: string, correct: boolean, totalMs: number): ItemRecord {
  return {
    itemId,
    sample: 0,
    group: itemId.split('/')[0] ?? 'g',
    status: 'ok',
    request: { messages: [{ role: 'user', content: `Question ${itemId}` }], parameters: { maxTokens: 5 } },
    response: {
      text: correct ? ' B' : ' C',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 2 },
      timing: { ttftMs: 1, totalMs },
      prefillApplied: false,
    },
    extracted: correct ? 'B' : 'C',
    scores: { accuracy: correct ? 1 : 0, strict: correct ? 1 : 0 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${itemId}`,
  };
}

const at = (second: number) => ({ updatedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });

describe('stored run aggregates', () => {
  let directory: string;
  let path: string;
  let store: RunStore;
  let runId: string;
  const rows = () => {
    const database = new Database(path, { readonly: true });
    try {
      return database
        .prepare<[string], { score_key: string; items_version: string }>(
          'SELECT score_key, items_version FROM run_aggregates WHERE run_id = ? ORDER BY score_key',
        )
        .all(runId);
    } finally {
      database.close();
    }
  };
  const tamper = (sql: string) => {
    const database = new Database(path);
    try {
      database.prepare(sql).run();
    } finally {
      database.close();
    }
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-stored-aggregates-'));
    path = join(directory, 'parity.db');
    store = openSqliteRunStore({ path });
    runId = store.createRun({
      kind: 'eval',
      config: {
        modelSpec: 'openai:m',
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot',
        protocolVersion: 1,
        concurrency: 1,
        timeoutMs: 1000,
        maxRetries: 0,
      },
      totalItems: 6,
      createdAt: at(0).updatedAt,
    });
    store.recordItems(
      runId,
      ['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'b/3'].map((id, index) => record(id, index % 2 === 0, 10 + index)),
      at(1),
    );
  });
  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('are stored for every item score when a run stops running, and read back as computed', () => {
    const computed = store.aggregateItems?.(runId, 'accuracy');
    expect(rows()).toEqual([]);
    store.setStatus(runId, 'completed', at(2));
    expect(rows().map((row) => row.score_key)).toEqual(['accuracy', 'strict']);
    expect(store.aggregateItems?.(runId, 'accuracy')).toEqual(computed);
    expect(computed).toMatchObject({ items: 6, medianLatencyMs: 12, inputTokens: 60 });
  });

  it('are what the runs list reads for a finished run (a changed stored row shows)', () => {
    store.setStatus(runId, 'completed', at(2));
    tamper(`UPDATE run_aggregates SET aggregates = json_set(aggregates, '$.items', 999)`);
    expect(store.aggregateItems?.(runId, 'accuracy')?.items).toBe(999);
  });

  it('are ignored once an item is recorded again after the run finished (resumed or re-scored)', () => {
    store.setStatus(runId, 'completed', at(2));
    store.recordItems(runId, [record('a/2', true, 10)], at(3));
    const values = store.aggregateItems?.(runId, 'accuracy')?.values;
    expect(values).toContainEqual({ group: 'a', value: 1, count: 3 });
  });

  it('are ignored when damaged, and deleted with their run', () => {
    store.setStatus(runId, 'completed', at(2));
    tamper(`UPDATE run_aggregates SET aggregates = '{"items":"many"}'`);
    expect(store.aggregateItems?.(runId, 'accuracy')?.items).toBe(6);
    expect(store.deleteRun?.(runId)).toBe(true);
    expect(rows()).toEqual([]);
  });
});
