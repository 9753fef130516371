import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewRun } from '../spec/index.ts';
import { describeEachStore } from '../../test/support/store-harness.ts';
import { openSqliteRunStore } from './sqlite-run-store.ts';

const newRun: NewRun = {
  kind: 'eval',
  config: {
    modelSpec: 'openai:gpt-4o-mini',
    model: { provider: 'openai', endpoint: 'https://api.openai.com/v1', modelId: 'gpt-4o-mini' },
    benchmark: 'mmlu',
    protocol: 'mmlu.5shot',
    protocolVersion: 1,
    concurrency: 8,
    timeoutMs: 60_000,
    maxRetries: 3,
  },
  totalItems: 2,
  createdAt: '2026-03-01T10:00:00.000Z',
};

describe('item fingerprints in the run store', () => {
  let folder: string;
  let path: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-fingerprints-'));
    path = join(folder, 'parity.db');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('upgrades a store of schema version 1 by adding tables, keeping its runs', () => {
    // A version-1 file as parity wrote it before fingerprints: its runs stay readable, without fingerprints.
    const database = new Database(path);
    database.exec(`
      CREATE TABLE schema_version (version INTEGER NOT NULL);
      INSERT INTO schema_version (version) VALUES (1);
      CREATE TABLE runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, config TEXT NOT NULL, status TEXT NOT NULL,
        done_items INTEGER NOT NULL DEFAULT 0, total_items INTEGER NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL);
      CREATE INDEX runs_by_created_at ON runs (created_at);
      CREATE TABLE items (run_id TEXT NOT NULL, item_id TEXT NOT NULL, sample INTEGER NOT NULL,
        status TEXT NOT NULL, item_group TEXT, request TEXT NOT NULL, response TEXT, error TEXT, extracted TEXT,
        scores TEXT NOT NULL, cached INTEGER NOT NULL, attempts INTEGER NOT NULL, cache_key TEXT NOT NULL,
        PRIMARY KEY (run_id, item_id, sample));
      CREATE TABLE cache (key TEXT PRIMARY KEY, response TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
    `);
    database
      .prepare('INSERT INTO runs VALUES (?, ?, ?, ?, 0, 2, ?, ?)')
      .run('old-run', 'eval', JSON.stringify(newRun.config), 'completed', newRun.createdAt, newRun.createdAt);
    database.close();
    const store = openSqliteRunStore({ path });
    try {
      expect(store.getRun('old-run')?.status).toBe('completed');
      expect(store.getFingerprints?.('old-run')).toBeUndefined();
      store.recordFingerprints?.('old-run', { dataset: 'd', items: new Map([['x', 'y']]) });
      expect(store.getFingerprints?.('old-run')?.items.get('x')).toBe('y');
    } finally {
      store.close();
    }
  });
});

describeEachStore('item fingerprints in the run store', (harness) => {
  it('records and reads back item and dataset fingerprints; runs without them read undefined', () => {
    const store = harness.open();
    try {
      const runId = store.createRun(newRun);
      const other = store.createRun(newRun);
      store.recordFingerprints?.(runId, {
        dataset: 'd1',
        items: new Map([
          ['mmlu/a/0', 'f0'],
          ['mmlu/a/1', 'f1'],
        ]),
      });
      const read = store.getFingerprints?.(runId);
      expect(read?.dataset).toBe('d1');
      expect([...(read?.items ?? [])].sort()).toEqual([
        ['mmlu/a/0', 'f0'],
        ['mmlu/a/1', 'f1'],
      ]);
      expect(store.getFingerprints?.(other)).toBeUndefined();
      expect(() => store.recordFingerprints?.('nope', { dataset: 'd', items: new Map() })).toThrow(
        /no run with id nope/,
      );
    } finally {
      store.close();
    }
  });
});
