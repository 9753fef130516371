import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemRecord, RunStore } from '../spec/index.ts';
import { openSqliteRunStore } from './sqlite-run-store.ts';

const record: ItemRecord = {
  itemId: 'a/1',
  sample: 0,
  group: 'a',
  status: 'ok',
  request: { messages: [{ role: 'user', content: 'Question' }], parameters: { maxTokens: 5 } },
  response: {
    text: ' B',
    finishReason: 'stop',
    usage: { inputTokens: 10, outputTokens: 2 },
    timing: { ttftMs: 1, totalMs: 2 },
    prefillApplied: false,
  },
  extracted: 'B',
  scores: { accuracy: 1 },
  cached: false,
  attempts: 1,
  cacheKey: 'key-a/1',
};

describe('item outcomes read back (listItemOutcomes)', () => {
  let directory: string;
  let path: string;
  let store: RunStore;
  let runId: string;
  const tamper = (sql: string) => {
    const database = new Database(path);
    try {
      database.prepare(sql).run();
    } finally {
      database.close();
    }
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-outcomes-'));
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
      totalItems: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    store.recordItems(runId, [record], { updatedAt: '2026-01-01T00:00:01.000Z' });
  });
  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('keep only the usage fields parity knows, as the schema does', () => {
    tamper(`UPDATE items SET response = json_set(response, '$.usage.extra', 5)`);
    expect(store.listItemOutcomes(runId)[0]?.usage).toEqual({ inputTokens: 10, outputTokens: 2 });
  });

  it('name the run, item and column of a damaged value', () => {
    tamper(`UPDATE items SET scores = '{"accuracy":"yes"}'`);
    expect(() => store.listItemOutcomes(runId)).toThrow(/a\/1[\s\S]*scores/);
    tamper(
      `UPDATE items SET scores = '{"accuracy":1}', response = json_set(response, '$.usage.inputTokens', -1)`,
    );
    expect(() => store.listItemOutcomes(runId)).toThrow(/response\.usage/);
  });
});
