import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/support/store-harness.ts';
import type { ItemRecord, NewRun } from '../spec/index.ts';

// The optional RunStore methods, on every store (test/support/store-harness.ts): what the SQLite store does is
// what the PostgreSQL store must do.

const newRun: NewRun = {
  kind: 'eval',
  config: {
    modelSpec: 'openai:m',
    model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
    benchmark: 'mmlu',
    protocol: 'mmlu.gen.5shot',
    protocolVersion: 2,
    concurrency: 1,
    timeoutMs: 1000,
    maxRetries: 0,
  },
  totalItems: 5,
  createdAt: '2026-01-01T00:00:00.000Z',
  owner: { pid: 42, host: 'box', heartbeatAt: '2026-01-01T00:00:00.000Z' },
};
const at = { updatedAt: '2026-01-01T00:00:01.000Z' };

function record(
  itemId: string,
  options: { accuracy: number | null; group?: string; totalMs?: number; cached?: boolean },
): ItemRecord {
  return {
    itemId,
    sample: 0,
    ...(options.group === undefined ? {} : { group: options.group }),
    status: 'ok',
    request: { messages: [{ role: 'user', content: `Question ${itemId}` }], parameters: {} },
    response: {
      text: 'B',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 2 },
      timing: { totalMs: options.totalMs ?? 1 },
      prefillApplied: false,
    },
    extracted: 'B',
    scores: { accuracy: options.accuracy },
    cached: options.cached ?? false,
    attempts: options.cached ? 0 : 1,
    cacheKey: `key-${itemId}`,
  };
}

describeEachStore('RunStore optional methods', (harness) => {
  it('aggregates counts, score values by group, tokens and the median measured latency', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.recordItems(
      runId,
      [
        record('a', { accuracy: 1, group: 'g1', totalMs: 30 }),
        record('b', { accuracy: 0, group: 'g1', totalMs: 10 }),
        record('c', { accuracy: 1, group: 'g2', totalMs: 20 }),
        record('d', { accuracy: null, totalMs: 5, cached: true }),
        {
          ...record('e', { accuracy: null }),
          status: 'error',
          error: { name: 'ProviderError', message: 'boom' },
          extracted: null,
        },
      ],
      at,
    );
    const aggregates = store.aggregateItems?.(runId, 'accuracy');
    expect(aggregates).toMatchObject({ items: 5, errors: 1, unscored: 1, inputTokens: 40, outputTokens: 8 });
    // Measured: a, b, c (attempts > 0) and d (cached): 5, 10, 20, 30 → nearest rank ceil(4 / 2) = 2nd.
    expect(aggregates?.medianLatencyMs).toBe(10);
    const values = [...(aggregates?.values ?? [])].sort((x, y) =>
      `${x.group}${x.value}`.localeCompare(`${y.group}${y.value}`),
    );
    expect(values).toEqual([
      { group: 'g1', value: 0, count: 1 },
      { group: 'g1', value: 1, count: 1 },
      { group: 'g2', value: 1, count: 1 },
      { group: null, value: null, count: 1 },
    ]);
    expect(store.aggregateItems?.('none', 'accuracy')).toMatchObject({
      items: 0,
      errors: 0,
      medianLatencyMs: null,
    });
  });

  it('labels, changes the configuration with its history, and refreshes the heartbeat', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.setLabels?.(runId, ['baseline', 'team']);
    const change = {
      at: '2026-01-02T00:00:00.000Z',
      command: 'resume',
      changed: { concurrency: { from: 1, to: 4 } },
    };
    store.changeConfig(runId, { config: { ...newRun.config, concurrency: 4 }, change });
    store.heartbeat(runId, { at: '2026-01-03T00:00:00.000Z' });
    const summary = store.getSummary(runId);
    expect(summary?.labels).toEqual(['baseline', 'team']);
    expect(summary?.config.concurrency).toBe(4);
    expect(summary?.history).toEqual([change]);
    expect(summary?.owner).toEqual({ ...newRun.owner, heartbeatAt: '2026-01-03T00:00:00.000Z' });
    expect(() => store.setLabels?.('nope', [])).toThrow(/no run with id nope/);
    expect(() => store.changeConfig('nope', { config: newRun.config, change })).toThrow(
      /no run with id nope/,
    );
  });

  it('deletes a run with its records but keeps the cache; lists every cache entry', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    store.recordItems(runId, [record('a', { accuracy: 1, totalMs: 3 })], at);
    store.recordFingerprints?.(runId, { dataset: 'd', items: new Map([['a', 'f']]) });
    const stepResponse = record('x', { accuracy: 1, totalMs: 4 }).response;
    if (stepResponse)
      store.cacheResponse?.('step-key', stepResponse, {
        createdAt: '2026-01-01T00:00:02.000Z',
      });
    expect(store.deleteRun?.(runId)).toBe(true);
    expect(store.deleteRun?.(runId)).toBe(false);
    expect(store.getRun(runId)).toBeUndefined();
    expect(store.getFingerprints?.(runId)).toBeUndefined();
    expect([...(store.iterateCache?.() ?? [])].map((entry) => [entry.key, entry.createdAt])).toEqual([
      ['key-a', '2026-01-01T00:00:01.000Z'],
      ['step-key', '2026-01-01T00:00:02.000Z'],
    ]);
  });

  it('counts only the new items of a batch (once each), reads re-recorded ones again, and writes nothing for a missing run', () => {
    const store = harness.open();
    const runId = store.createRun(newRun);
    const first = record('a', { accuracy: 0, totalMs: 1 });
    store.recordItems(runId, [first], at);
    const firstSequence = store.readItemDigests?.(runId).lastSequence;
    const again = record('a', { accuracy: 1, totalMs: 2 });
    const c1 = record('c', { accuracy: 0, totalMs: 3 });
    const c2 = record('c', { accuracy: 1, totalMs: 4 });
    store.recordItems(runId, [record('b', { accuracy: 1 }), again, c1, c2], {
      updatedAt: '2026-01-01T00:00:02.000Z',
    });
    const run = store.getRun(runId);
    expect(run?.doneItems).toBe(3);
    expect(run?.updatedAt).toBe('2026-01-01T00:00:02.000Z');
    expect(run?.items).toEqual([record('b', { accuracy: 1 }), again, c2]);
    expect(
      store.readItemDigests?.(runId, { afterSequence: firstSequence }).items.map((item) => item.itemId),
    ).toEqual(['b', 'a', 'c']);
    // The first answer under a key stays cached, also once its item holds a later one.
    expect(store.getCachedResponse('key-a')).toEqual(first.response);
    expect(store.getCachedResponse('key-c')).toEqual(c1.response);
    expect(() => store.recordItems('nope', [record('z', { accuracy: 1 })], at)).toThrow(
      /no run with id nope/,
    );
    expect(store.getCachedResponse('key-z')).toBeUndefined();
    expect(store.getSummary(runId)?.doneItems).toBe(3);
  });
});
