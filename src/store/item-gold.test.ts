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
    protocol: 'mmlu.gen.5shot',
    protocolVersion: 1,
    concurrency: 8,
    timeoutMs: 60_000,
    maxRetries: 3,
  },
  totalItems: 2,
  createdAt: '2026-03-01T10:00:00.000Z',
};

describe('gold answers in the run store', () => {
  let folder: string;
  let path: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-gold-'));
    path = join(folder, 'parity.db');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('damaged choices name the store, run, item and column', () => {
    const store = openSqliteRunStore({ path });
    const runId = store.createRun(newRun);
    store.close();
    const database = new Database(path);
    database
      .prepare('INSERT INTO item_gold (run_id, item_id, target, choices) VALUES (?, ?, ?, ?)')
      .run(runId, 'x/0', 'A', '{"not":"a list"}');
    database.close();
    const reopened = openSqliteRunStore({ path });
    try {
      expect(() => reopened.getGold?.(runId)).toThrow(/item_gold\.choices/);
    } finally {
      reopened.close();
    }
  });
});

describeEachStore('gold answers in the run store', (harness) => {
  it('records targets and choices per item and reads them back; other runs read none', () => {
    const store = harness.open();
    try {
      const runId = store.createRun(newRun);
      const other = store.createRun(newRun);
      store.recordGold?.(
        runId,
        new Map([
          ['astronomy/0', { target: 'B', choices: ['A. Venus', 'B. Mercury'] }],
          ['gsm8k/1', { target: '1200' }],
        ]),
      );
      const gold = store.getGold?.(runId);
      expect(gold?.get('astronomy/0')).toEqual({ target: 'B', choices: ['A. Venus', 'B. Mercury'] });
      expect(gold?.get('gsm8k/1')).toEqual({ target: '1200' });
      expect(store.getGold?.(other)?.size).toBe(0);
      expect(() => store.recordGold?.('nope', new Map())).toThrow(/no run with id nope/);
    } finally {
      store.close();
    }
  });
});
