import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemRecord, RunStore } from '../spec/index.ts';
import { createBatchedItemRecorder } from './batched-item-recorder.ts';
import { openSqliteRunStore } from './sqlite-run-store.ts';

function record(itemId: string): ItemRecord {
  return {
    itemId,
    sample: 0,
    status: 'ok',
    request: { messages: [{ role: 'user', content: `Question ${itemId}` }], parameters: {} },
    response: {
      text: 'B',
      finishReason: 'stop',
      usage: {},
      timing: { totalMs: 5 },
      prefillApplied: false,
    },
    extracted: 'B',
    scores: { accuracy: 1 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${itemId}`,
  };
}

describe('createBatchedItemRecorder', () => {
  let folder: string;
  let store: RunStore;
  let runId: string;
  const now = (): Date => new Date('2026-03-01T10:00:00.000Z');

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parity-batch-'));
    store = openSqliteRunStore({ path: join(folder, 'parity.db') });
    runId = store.createRun({
      kind: 'eval',
      config: {
        modelSpec: 'openai:m',
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot',
        protocolVersion: 1,
        concurrency: 4,
        timeoutMs: 1_000,
        maxRetries: 0,
      },
      totalItems: 10,
      createdAt: now().toISOString(),
    });
  });

  afterEach(() => {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores nothing until a batch commits, then reports the batch in order', () => {
    const stored: string[][] = [];
    const recorder = createBatchedItemRecorder({
      store,
      runId,
      now,
      maxBatchSize: 3,
      maxDelayMs: 60_000,
      onStored: (records) => stored.push(records.map((item) => item.itemId)),
    });
    recorder.add(record('a'));
    recorder.add(record('b'));
    expect(store.completedItemKeys(runId).size).toBe(0);
    recorder.add(record('c'));
    expect([...store.completedItemKeys(runId)].sort()).toEqual(['a#0', 'b#0', 'c#0']);
    recorder.add(record('d'));
    recorder.flush();
    expect(stored).toEqual([['a', 'b', 'c'], ['d']]);
    expect(store.getSummary(runId)?.doneItems).toBe(4);
    expect(store.getCachedResponse('key-d')?.text).toBe('B');
  });

  it('commits a partial batch after maxDelayMs', async () => {
    const stored: string[] = [];
    const recorder = createBatchedItemRecorder({
      store,
      runId,
      now,
      maxDelayMs: 5,
      onStored: (records) => stored.push(...records.map((item) => item.itemId)),
    });
    recorder.add(record('a'));
    await new Promise<void>((resolveStored) => {
      const poll = setInterval(() => {
        if (stored.length > 0) {
          clearInterval(poll);
          resolveStored();
        }
      }, 1);
    });
    expect(stored).toEqual(['a']);
    expect(store.getRun(runId)?.items.map((item) => item.itemId)).toEqual(['a']);
  });

  it('keeps a failed commit: reported once through onError, thrown by the next add and flush', async () => {
    const errors: unknown[] = [];
    const recorder = createBatchedItemRecorder({
      store,
      runId: 'no-such-run',
      now,
      maxDelayMs: 1,
      onError: (error) => errors.push(error),
    });
    recorder.add(record('a'));
    await new Promise<void>((resolveFailed) => {
      const poll = setInterval(() => {
        if (errors.length > 0) {
          clearInterval(poll);
          resolveFailed();
        }
      }, 1);
    });
    expect(String(errors[0])).toMatch(/no run with id no-such-run/);
    expect(() => recorder.add(record('b'))).toThrow(/no run with id no-such-run/);
    expect(() => recorder.flush()).toThrow(/no run with id no-such-run/);
    expect(errors).toHaveLength(1);
  });
});
