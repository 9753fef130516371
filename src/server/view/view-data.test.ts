import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemRecord, RunStore } from '../../spec/index.ts';
import { openSqliteRunStore } from '../../store/sqlite-run-store.ts';
import { mmluMetrics } from '../../benchmarks/mmlu/mmlu-metrics.ts';
import { buildRunView } from '../../report/run-view.ts';
import { createViewData } from './view-data.ts';

function record(itemId: string, correct: boolean): ItemRecord {
  return {
    itemId,
    sample: 0,
    group: itemId.split('/')[0] as string,
    status: 'ok',
    request: {
      messages: [
        { role: 'user', content: 'few-shot question' },
        { role: 'assistant', content: 'The best answer is A.' },
        { role: 'user', content: `Prompt of ${itemId}` },
      ],
      parameters: { maxTokens: 10 },
    },
    response: {
      text: `Reply to ${itemId}`,
      finishReason: 'stop',
      usage: { inputTokens: 100, outputTokens: 3 },
      timing: { ttftMs: 5, totalMs: 10 },
      prefillApplied: false,
    },
    extracted: correct ? 'A' : 'B',
    scores: { accuracy: correct ? 1 : 0 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${itemId}`,
  };
}

/** The store, counting the item rows each kind of read returns. */
function countingStore(store: RunStore) {
  const reads = { digests: 0, records: 0, wholeRuns: 0 };
  const counted: RunStore = {
    ...store,
    getRun(runId) {
      reads.wholeRuns += 1;
      return store.getRun(runId);
    },
    readItemDigests(runId, options) {
      const result = store.readItemDigests?.(runId, options) ?? { items: [], lastSequence: 0 };
      reads.digests += result.items.length;
      return result;
    },
    getItemRecords(runId, keys) {
      const result = store.getItemRecords?.(runId, keys) ?? [];
      reads.records += result.length;
      return result;
    },
  };
  return { counted, reads };
}

describe('createViewData on the item digests', () => {
  let directory: string;
  let store: RunStore;
  let runId: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-view-data-'));
    store = openSqliteRunStore({ path: join(directory, 'parity.db') });
    runId = store.createRun({
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
      totalItems: 300,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const write = (from: number, to: number, second: number): void =>
    store.recordItems(
      runId,
      Array.from({ length: to - from }, (_, index) =>
        record(`anatomy/${from + index}`, (from + index) % 4 !== 0),
      ),
      { updatedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` },
    );

  it('a poll during a running run reads only the records written since the last one', () => {
    const { counted, reads } = countingStore(store);
    const data = createViewData({ store: counted });
    write(0, 200, 1);
    expect(data.listRuns()[0]?.view).toMatchObject({ doneItems: 200, headline: { value: 0.75, n: 200 } });
    expect(reads).toEqual({ digests: 200, records: 0, wholeRuns: 0 });

    // Unchanged: nothing is read again.
    data.listRuns();
    expect(reads.digests).toBe(200);

    write(200, 240, 2);
    const moved = data.listRuns()[0]?.view;
    expect(moved).toMatchObject({ doneItems: 240, headline: { n: 240 } });
    expect(reads.digests).toBe(240);

    // A resumed retry writes an item again: its old outcome is taken back out of the line.
    store.recordItems(runId, [{ ...record('anatomy/0', true), scores: { accuracy: null } }], {
      updatedAt: '2026-01-01T00:00:03.000Z',
    });
    const retried = data.listRuns()[0]?.view;
    expect(reads.digests).toBe(241);
    const stored = store.getRun(runId);
    if (!stored) throw new Error('no run');
    expect(retried).toEqual(buildRunView({ run: stored, metrics: mmluMetrics }));
    expect(retried).toMatchObject({ unscored: 1, headline: { n: 239 } });
  });

  it('pages carry the texts of their items only, read for the page', () => {
    const { counted, reads } = countingStore(store);
    const data = createViewData({ store: counted });
    write(0, 200, 1);
    const run = data.getRun(runId);
    if (!run) throw new Error('no run');
    const page = data.queryItems(run, { filter: 'wrong', offset: 10, limit: 5 });
    expect(page.total).toBe(50);
    expect(page.rows.map((row) => row.item.itemId)).toEqual(
      [40, 44, 48, 52, 56].map((row) => `anatomy/${row}`),
    );
    expect(page.rows[0]?.item).toMatchObject({
      prompt: 'Prompt of anatomy/40',
      response: 'Reply to anatomy/40',
      messageCount: 3,
    });
    expect(reads.records).toBe(5);
    expect(data.getMessages(runId, 'anatomy/3#0')?.at(-1)?.content).toBe('Prompt of anatomy/3');
  });

  it('a text search looks in prompts and responses', () => {
    const data = createViewData({ store });
    write(0, 200, 1);
    const run = data.getRun(runId);
    if (!run) throw new Error('no run');
    const page = data.queryItems(run, { filter: 'all', search: 'REPLY TO ANATOMY/19', offset: 0, limit: 50 });
    expect(page.rows.map((row) => row.item.itemId)).toEqual([
      'anatomy/19',
      ...Array.from({ length: 10 }, (_, index) => `anatomy/${190 + index}`),
    ]);
    expect(page.rows[0]?.item.response).toBe('Reply to anatomy/19');
  });
});

describe('runs list from SQL aggregates', () => {
  it('gives the same line as the run read whole, for micro and macro headlines, errors and unscored items', async () => {
    const { listBenchmarks } = await import('../../benchmarks/registry.ts');
    const { buildRunView } = await import('../../report/run-view.ts');
    const macro = listBenchmarks()
      .flatMap((benchmark) => benchmark.protocols)
      .find((protocol) => protocol.metrics[0]?.aggregate === 'group-mean');
    if (!macro) throw new Error('no protocol with a macro headline');
    const directory = mkdtempSync(join(tmpdir(), 'parity-view-aggregates-'));
    const store = openSqliteRunStore({ path: join(directory, 'parity.db') });
    try {
      for (const [benchmark, protocol] of [
        ['mmlu', 'mmlu.gen.5shot'],
        [macro.benchmark, macro.id],
      ] as const) {
        const scoreKey = benchmark === 'mmlu' ? 'accuracy' : (macro.metrics[0]?.itemScore ?? 'accuracy');
        const runId = store.createRun({
          kind: 'eval',
          config: {
            modelSpec: 'openai:local-model',
            model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'local-model' },
            benchmark,
            protocol,
            protocolVersion: 1,
            concurrency: 1,
            timeoutMs: 1000,
            maxRetries: 0,
          },
          totalItems: 90,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        const records = Array.from({ length: 90 }, (_, index): ItemRecord => {
          const base = record(`${['g1', 'g2', 'g3'][index % 3]}/${index}`, index % 5 !== 0);
          if (index % 17 === 0) {
            const { response: _response, ...rest } = base;
            return { ...rest, status: 'error', error: { name: 'ProviderError', message: 'x' }, scores: {} };
          }
          const latency = { ttftMs: 3, totalMs: 10 + ((index * 37) % 23) };
          return {
            ...base,
            scores: { [scoreKey]: index % 11 === 0 ? null : index % 5 !== 0 ? 1 : 0 },
            response: { ...(base.response as NonNullable<ItemRecord['response']>), timing: latency },
            cached: index % 7 === 0,
            attempts: index % 13 === 0 ? 0 : 1,
          };
        });
        store.recordItems(runId, records, { updatedAt: '2026-01-01T00:00:01.000Z' });
        store.setStatus(runId, 'completed', { updatedAt: '2026-01-01T00:00:02.000Z' });
        const { counted, reads } = countingStore(store);
        const fromAggregates = createViewData({ store: counted }).getRun(runId)?.view;
        expect(reads.digests).toBe(0);
        const stored = store.getRun(runId);
        if (!stored) throw new Error('no run');
        const expected = buildRunView({
          run: stored,
          metrics:
            benchmark === 'mmlu'
              ? (await import('../../benchmarks/mmlu/mmlu-metrics.ts')).mmluMetrics
              : macro.metrics,
        });
        expect(fromAggregates).toEqual(expected);
        expect(expected.errors).toBe(6);
        expect(expected.unscored).toBeGreaterThan(0);
      }
    } finally {
      store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
