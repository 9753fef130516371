import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemRecord, NewRun, RunStore } from '../spec/index.ts';
import { InputError, itemKey } from '../spec/index.ts';
import { describeEachStore } from '../../test/support/store-harness.ts';
import { openSqliteRunStore } from './sqlite-run-store.ts';
import { currentSchemaVersion } from './store-migrations.ts';
import { StoredRecordError } from './stored-record-error.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

const newRun: NewRun = {
  kind: 'eval',
  config: {
    modelSpec: 'openai:gpt-4o-mini',
    model: { provider: 'openai', endpoint: 'https://api.openai.com/v1', modelId: 'gpt-4o-mini' },
    benchmark: 'mmlu',
    protocol: 'mmlu.5shot',
    protocolVersion: 1,
    limit: 3,
    concurrency: 8,
    timeoutMs: 60_000,
    maxRetries: 3,
  },
  totalItems: 3,
  createdAt: '2026-03-01T10:00:00.000Z',
};

function okRecord(itemId: string, overrides: Partial<ItemRecord> = {}): ItemRecord {
  return {
    itemId,
    sample: 0,
    group: 'abstract_algebra',
    status: 'ok',
    request: {
      messages: [
        { role: 'system', content: 'Answer with a letter.' },
        { role: 'user', content: `Question ${itemId}` },
      ],
      parameters: { temperature: 0, maxTokens: 5, stop: ['\n'] },
      assistantPrefix: 'The answer is',
    },
    response: {
      text: ' B',
      finishReason: 'stop',
      usage: { inputTokens: 120, outputTokens: 2 },
      timing: { ttftMs: 80, totalMs: 95 },
      prefillApplied: true,
    },
    extracted: 'B',
    scores: { accuracy: 1 },
    cached: false,
    attempts: 1,
    cacheKey: `cache-${itemId}`,
    ...overrides,
  };
}

function errorRecord(itemId: string): ItemRecord {
  const { response: _response, ...rest } = okRecord(itemId);
  return {
    ...rest,
    status: 'error',
    error: { name: 'ProviderError', message: 'openai: 500 internal error' },
    extracted: null,
    scores: { accuracy: null },
    attempts: 4,
  };
}

describe('openSqliteRunStore', () => {
  let folder: string;
  let path: string;
  const opened: RunStore[] = [];
  function open(generateId?: () => string): RunStore {
    const store = openSqliteRunStore({ path, ...(generateId ? { generateId } : {}) });
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-store-'));
    path = join(folder, 'nested', 'parity.db');
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the folder, uses WAL and records the schema version', () => {
    open().close();
    const database = new Database(path, { readonly: true });
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.prepare('SELECT version FROM schema_version').all()).toEqual([
      { version: currentSchemaVersion },
    ]);
    database.close();
  });

  it('names the run and item of a corrupted row', () => {
    const store = open(() => 'run-1');
    store.recordItem(store.createRun(newRun), okRecord('abstract_algebra/5'), {
      updatedAt: newRun.createdAt,
    });
    const database = new Database(path);
    database.prepare('UPDATE items SET scores = \'{"accuracy": "yes"}\'').run();
    database.prepare("UPDATE cache SET response = 'not json'").run();
    database.close();
    expect(() => store.getRun('run-1')).toThrow(StoredRecordError);
    expect(() => store.getRun('run-1')).toThrow(/run run-1, item abstract_algebra\/5#0.*scores/);
    expect(() => store.getCachedResponse('cache-abstract_algebra/5')).toThrow(
      /cache entry cache-abstract_algebra\/5/,
    );
  });

  it('refuses a store written by a newer schema', () => {
    open().close();
    const database = new Database(path);
    database.prepare('UPDATE schema_version SET version = 99').run();
    database.close();
    expect(() => open()).toThrow(/schema version 99/);
  });

  it('leaves a consistent database when the writer is killed with SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/record-items-until-killed.ts'), path],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.on('exit', (_code, signal) => resolveExit(signal)),
    );
    let runId = '';
    await new Promise<void>((resolveEnough, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        runId = /^run (\S+)$/m.exec(buffer)?.[1] ?? runId;
        const counts = [...buffer.matchAll(/^recorded (\d+)$/gm)].map((match) => Number(match[1]));
        if ((counts.at(-1) ?? 0) >= 500) {
          child.kill('SIGKILL');
          resolveEnough();
        }
      });
      child.on('exit', () => reject(new Error(`writer exited on its own: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const database = new Database(path, { readonly: true });
    expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphanItems = database
      .prepare(
        "SELECT count(*) AS n FROM items LEFT JOIN cache ON cache.key = items.cache_key WHERE items.status = 'ok' AND cache.key IS NULL",
      )
      .get();
    const orphanEntries = database
      .prepare(
        'SELECT count(*) AS n FROM cache LEFT JOIN items ON items.cache_key = cache.key WHERE items.item_id IS NULL',
      )
      .get();
    database.close();
    expect({ orphanItems, orphanEntries }).toEqual({ orphanItems: { n: 0 }, orphanEntries: { n: 0 } });

    const store = open();
    const run = store.getRun(runId);
    expect(run?.items.length).toBeGreaterThanOrEqual(500);
    expect(run?.doneItems).toBe(run?.items.length);
    for (const item of run?.items ?? []) {
      if (item.status === 'ok') expect(store.getCachedResponse(item.cacheKey)).toEqual(item.response);
    }
  });
});

describeEachStore('RunStore conformance', (harness) => {
  it('round-trips a run with its items', () => {
    const store = harness.open({ generateId: () => '20260301-100000-abcd' });
    const runId = store.createRun(newRun);
    expect(runId).toBe('20260301-100000-abcd');
    const records = [
      okRecord('abstract_algebra/0'),
      errorRecord('abstract_algebra/1'),
      okRecord('abstract_algebra/2'),
    ];
    records.forEach((record, index) =>
      store.recordItem(runId, record, { updatedAt: `2026-03-01T10:00:0${index + 1}.000Z` }),
    );
    expect(store.getRun(runId)).toEqual({
      runId,
      kind: 'eval',
      config: newRun.config,
      status: 'running',
      doneItems: 3,
      totalItems: 3,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:03.000Z',
      items: records,
    });
    expect(store.getRun('no-such-run')).toBeUndefined();
    expect(store.getSummary('no-such-run')).toBeUndefined();
  });

  it('lists item outcomes without request and response text', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    const records = [okRecord('abstract_algebra/0'), errorRecord('abstract_algebra/1')];
    records.forEach((record) => store.recordItem(runId, record, { updatedAt: '2026-03-01T10:00:01.000Z' }));
    expect(store.listItemOutcomes(runId)).toEqual(
      records.map((record) => ({
        itemId: record.itemId,
        sample: record.sample,
        ...(record.group === undefined ? {} : { group: record.group }),
        status: record.status,
        extracted: record.extracted,
        scores: record.scores,
        ...(record.error ? { error: record.error } : {}),
        ...(record.response ? { usage: record.response.usage } : {}),
        cached: record.cached,
      })),
    );
    expect(store.listItemOutcomes('no-such-run')).toEqual([]);
  });

  it('replaces a re-recorded item without counting it twice', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.recordItem(runId, errorRecord('abstract_algebra/0'), { updatedAt: '2026-03-01T10:00:01.000Z' });
    expect(store.completedItemKeys(runId)).toEqual(new Set());
    const retried = okRecord('abstract_algebra/0', { attempts: 2 });
    store.recordItem(runId, retried, { updatedAt: '2026-03-01T11:00:00.000Z' });
    const run = store.getRun(runId);
    expect(run?.items).toEqual([retried]);
    expect(run?.doneItems).toBe(1);
    expect(run?.updatedAt).toBe('2026-03-01T11:00:00.000Z');
    expect(store.completedItemKeys(runId)).toEqual(new Set([itemKey('abstract_algebra/0', 0)]));
  });

  it('keeps samples of one item apart and lists completed keys', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.recordItem(runId, okRecord('7', { sample: 0, cacheKey: 'k0' }), { updatedAt: newRun.createdAt });
    store.recordItem(runId, okRecord('7', { sample: 1, cacheKey: 'k1' }), { updatedAt: newRun.createdAt });
    store.recordItem(runId, errorRecord('8'), { updatedAt: newRun.createdAt });
    expect(store.completedItemKeys(runId)).toEqual(new Set(['7#0', '7#1']));
    expect(store.getSummary(runId)?.doneItems).toBe(3);
  });

  it('caches ok responses only, across runs', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    const record = okRecord('abstract_algebra/0', { cacheKey: 'shared-key' });
    store.recordItem(runId, record, { updatedAt: newRun.createdAt });
    store.recordItem(
      runId,
      { ...errorRecord('abstract_algebra/1'), cacheKey: 'failed-key' },
      { updatedAt: newRun.createdAt },
    );
    expect(store.getCachedResponse('shared-key')).toEqual(record.response);
    expect(store.getCachedResponse('failed-key')).toBeUndefined();
    expect(store.getCachedResponse('unknown')).toBeUndefined();
  });

  it('moves a run through its statuses', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.setStatus(runId, 'interrupted', { updatedAt: '2026-03-01T10:05:00.000Z' });
    expect(store.getSummary(runId)).toMatchObject({
      status: 'interrupted',
      updatedAt: '2026-03-01T10:05:00.000Z',
    });
    store.setStatus(runId, 'running', { updatedAt: '2026-03-01T10:06:00.000Z' });
    store.setStatus(runId, 'completed', { updatedAt: '2026-03-01T10:07:00.000Z' });
    expect(store.getSummary(runId)).toMatchObject({
      status: 'completed',
      updatedAt: '2026-03-01T10:07:00.000Z',
    });
    expect(() => store.setStatus('missing', 'failed', { updatedAt: newRun.createdAt })).toThrow(InputError);
    expect(() => store.recordItem('missing', okRecord('x'), { updatedAt: newRun.createdAt })).toThrow(
      /no run with id missing/,
    );
    expect(store.getCachedResponse('cache-x')).toBeUndefined();
  });

  it('lists runs newest first and finds them again after reopening', () => {
    const ids = ['20260301-100000-aaaa', '20260302-100000-bbbb', '20260302-100000-cccc'];
    const store = harness.open({ generateId: () => ids.shift() ?? 'unexpected' });
    store.createRun(newRun);
    store.createRun({ ...newRun, createdAt: '2026-03-02T10:00:00.000Z' });
    store.createRun({ ...newRun, kind: 'bench', createdAt: '2026-03-02T10:00:00.000Z' });
    store.recordItem('20260301-100000-aaaa', okRecord('a'), { updatedAt: '2026-03-03T00:00:00.000Z' });
    store.close();
    const reopened = harness.open();
    expect(reopened.listRuns().map((run) => run.runId)).toEqual([
      '20260302-100000-cccc',
      '20260302-100000-bbbb',
      '20260301-100000-aaaa',
    ]);
    expect(reopened.getRun('20260301-100000-aaaa')?.items).toEqual([okRecord('a')]);
    expect(reopened.getCachedResponse('cache-a')).toEqual(okRecord('a').response);
  });

  it('draws a new id when the generated one is taken', () => {
    const ids = ['same', 'same', 'other'];
    const store = harness.open({ generateId: () => ids.shift() ?? 'unexpected' });
    expect([store.createRun(newRun), store.createRun(newRun)]).toEqual(['same', 'other']);
  });

  it('makes readable, sortable ids by default', () => {
    const store = harness.open();
    expect(store.createRun(newRun)).toMatch(/^\d{8}-\d{6}-[0-9a-z]{4}$/);
  });

  it('shares one store between two connections', () => {
    const first = harness.open();
    const second = harness.open();
    const runId = first.createRun(newRun);
    second.recordItem(runId, okRecord('from-second'), { updatedAt: newRun.createdAt });
    first.recordItem(runId, okRecord('from-first'), { updatedAt: newRun.createdAt });
    expect(first.getRun(runId)?.items.map((item) => item.itemId)).toEqual(['from-second', 'from-first']);
    expect(second.getSummary(runId)?.doneItems).toBe(2);
    expect(second.getCachedResponse('cache-from-first')).toEqual(okRecord('x').response);
  });
});

describe('openSqliteRunStore: each answer written once (docs/decisions/0315)', () => {
  let folder: string;
  let store: RunStore;
  let path: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-store-once-'));
    path = join(folder, 'parity.db');
    store = openSqliteRunStore({ path });
  });
  afterEach(() => {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const cacheText = (key: string): string | undefined => {
    const database = new Database(path, { readonly: true });
    try {
      return database
        .prepare<[string], { response: string }>('SELECT response FROM cache WHERE key = ?')
        .get(key)?.response;
    } finally {
      database.close();
    }
  };

  it('keeps the response in the item row only; the cache row names the item and reads as the response', () => {
    const runId = store.createRun(newRun);
    const record = okRecord('abstract_algebra/0');
    store.recordItem(runId, record, { updatedAt: '2026-03-01T10:00:01.000Z' });
    const stored = cacheText(record.cacheKey) ?? '';
    expect(stored.startsWith('@item [')).toBe(true);
    expect(stored).not.toContain('finishReason');
    expect(store.getCachedResponse(record.cacheKey)).toEqual(record.response);
    expect(store.getRun(runId)?.items[0]?.response).toEqual(record.response);
  });

  it('keeps a cached answer when its item is recorded again as an error, and when its run is deleted', () => {
    const runId = store.createRun(newRun);
    const first = okRecord('abstract_algebra/0');
    store.recordItem(runId, first, { updatedAt: '2026-03-01T10:00:01.000Z' });
    const { response: _dropped, ...withoutResponse } = first;
    store.recordItem(
      runId,
      {
        ...withoutResponse,
        status: 'error',
        error: { name: 'ProviderError', message: 'boom' },
        extracted: null,
        scores: {},
      },
      { updatedAt: '2026-03-01T10:00:02.000Z' },
    );
    expect(store.getCachedResponse(first.cacheKey)).toEqual(first.response);
    const second = okRecord('abstract_algebra/1');
    const otherRun = store.createRun(newRun);
    store.recordItem(otherRun, second, { updatedAt: '2026-03-01T10:00:03.000Z' });
    expect(store.deleteRun?.(otherRun)).toBe(true);
    expect(cacheText(second.cacheKey)).toBe(JSON.stringify(second.response));
    expect(store.getCachedResponse(second.cacheKey)).toEqual(second.response);
  });

  it('lists every cache entry, named or held, oldest first, past the page size', () => {
    const runId = store.createRun({ ...newRun, totalItems: 1203 });
    const records = Array.from({ length: 1203 }, (_, index) =>
      okRecord(`subject/${index}`, { cacheKey: `key-${String(index).padStart(4, '0')}` }),
    );
    store.recordItems(runId, records, { updatedAt: '2026-03-01T10:00:02.000Z' });
    const held = okRecord('x').response;
    if (held === undefined) throw new Error('the fixture has a response');
    store.cacheResponse?.('held-early', held, { createdAt: '2026-03-01T10:00:01.000Z' });
    store.cacheResponse?.('held-late', held, { createdAt: '2026-03-01T10:00:03.000Z' });
    const entries = [...(store.iterateCache?.() ?? [])];
    expect(entries.map((entry) => entry.key)).toEqual([
      'held-early',
      ...records.map((record) => record.cacheKey),
      'held-late',
    ]);
    expect(entries.every((entry) => entry.response.text === ' B')).toBe(true);
  });

  it('opens a store of schema version 7 (each answer held in its cache row) and reads its cache as before', () => {
    const runId = store.createRun(newRun);
    const old = okRecord('abstract_algebra/0');
    store.recordItem(runId, old, { updatedAt: '2026-03-01T10:00:01.000Z' });
    store.close();
    // What parity wrote before version 8: the response itself in the cache row.
    const database = new Database(path);
    database.prepare('UPDATE cache SET response = ?').run(JSON.stringify(old.response));
    database.prepare('UPDATE schema_version SET version = 7').run();
    database.close();
    store = openSqliteRunStore({ path });
    expect(store.getCachedResponse(old.cacheKey)).toEqual(old.response);
    store.recordItem(runId, okRecord('abstract_algebra/0', { attempts: 2 }), {
      updatedAt: '2026-03-01T10:00:02.000Z',
    });
    expect(cacheText(old.cacheKey)).toBe(JSON.stringify(old.response));
    expect([...(store.iterateCache?.() ?? [])].map((entry) => entry.response)).toEqual([old.response]);
    expect(currentSchemaVersion).toBe(8);
    const upgraded = new Database(path, { readonly: true });
    expect(upgraded.prepare('SELECT version FROM schema_version').pluck().get()).toBe(8);
    upgraded.close();
  });

  it('reads a reference to an item that no longer answers its key as no entry, and a damaged one as damaged', () => {
    const runId = store.createRun(newRun);
    const kept = okRecord('abstract_algebra/0');
    const changed = okRecord('abstract_algebra/1');
    const damaged = okRecord('abstract_algebra/2');
    store.recordItems(runId, [kept, changed, damaged], { updatedAt: '2026-03-01T10:00:01.000Z' });
    // Written by hand (no parity writes such rows): the item answers another key, a reference cut short.
    const database = new Database(path);
    database.prepare("UPDATE items SET cache_key = 'another' WHERE item_id = ?").run(changed.itemId);
    database.prepare('UPDATE cache SET response = \'@item ["r","i"\' WHERE key = ?').run(damaged.cacheKey);
    database.close();
    expect(store.getCachedResponse(kept.cacheKey)).toEqual(kept.response);
    expect(store.getCachedResponse(changed.cacheKey)).toBeUndefined();
    expect(() => store.getCachedResponse(damaged.cacheKey)).toThrow(StoredRecordError);
    expect(() => [...(store.iterateCache?.() ?? [])]).toThrow(/cache entry cache-abstract_algebra\/2/);
    const repaired = new Database(path);
    repaired.prepare('DELETE FROM cache WHERE key = ?').run(damaged.cacheKey);
    repaired.close();
    expect([...(store.iterateCache?.() ?? [])].map((entry) => entry.key)).toEqual([kept.cacheKey]);
  });

  it('finds the named answer of an item whose id and run need escaping in JSON', () => {
    const runId = store.createRun(newRun);
    const odd = okRecord('sub/"quoted" \\ ü ✓ \n tab\t', { sample: 3, cacheKey: 'odd-key' });
    store.recordItem(runId, odd, { updatedAt: '2026-03-01T10:00:01.000Z' });
    expect(cacheText('odd-key')?.startsWith('@item [')).toBe(true);
    expect(store.getCachedResponse('odd-key')).toEqual(odd.response);
    expect([...(store.iterateCache?.() ?? [])].map((entry) => entry.response)).toEqual([odd.response]);
  });
});
