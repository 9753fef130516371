import { beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../test/support/store-harness.ts';
import type { ItemRecord, RunStore } from '../spec/index.ts';

function record(itemId: string, overrides: Partial<ItemRecord> = {}): ItemRecord {
  return {
    itemId,
    sample: 0,
    group: 'anatomy',
    status: 'ok',
    request: { messages: [{ role: 'user', content: `Question ${itemId}` }], parameters: { maxTokens: 5 } },
    response: {
      text: ` answer to ${itemId}`,
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 2 },
      timing: { ttftMs: 8, totalMs: 9 },
      prefillApplied: false,
    },
    extracted: 'B',
    scores: { accuracy: 1 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${itemId}`,
    ...overrides,
  };
}

describeEachStore('item digests and pages of records', (harness) => {
  let store: RunStore;
  let runId: string;
  beforeEach(() => {
    store = harness.open();
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
      totalItems: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
  const at = { updatedAt: '2026-01-01T00:00:01.000Z' };

  it('reads outcomes, timing and finish reason without texts, then only what was written since', () => {
    store.recordItems(runId, [record('a'), record('b')], at);
    const first = store.readItemDigests?.(runId);
    expect(first?.items.map((item) => item.itemId)).toEqual(['a', 'b']);
    expect(first?.items[0]).toMatchObject({
      status: 'ok',
      scores: { accuracy: 1 },
      usage: { inputTokens: 10, outputTokens: 2 },
      timing: { ttftMs: 8, totalMs: 9 },
      finishReason: 'stop',
      attempts: 1,
    });
    expect(JSON.stringify(first)).not.toContain('Question');
    expect(JSON.stringify(first)).not.toContain('answer to');

    store.recordItems(runId, [record('c')], at);
    // 'a' again (a resumed retry): it comes back, after 'c'.
    store.recordItems(runId, [record('a', { scores: { accuracy: 0 } })], at);
    const next = store.readItemDigests?.(runId, { afterSequence: first?.lastSequence ?? 0 });
    expect(next?.items.map((item) => [item.itemId, item.scores.accuracy])).toEqual([
      ['c', 1],
      ['a', 0],
    ]);
    expect(store.readItemDigests?.(runId, { afterSequence: next?.lastSequence ?? 0 })).toEqual({
      items: [],
      lastSequence: next?.lastSequence,
    });
    // Re-recording still counts the item once.
    expect(store.getSummary(runId)?.doneItems).toBe(3);
  });

  it('gives the full records of a page of keys in the order recorded, skipping unknown keys', () => {
    store.recordItems(runId, [record('a'), record('b'), record('c')], at);
    const page = store.getItemRecords?.(runId, ['c#0', 'nope#0', 'a#0', 'b#1']);
    expect(page?.map((item) => item.itemId)).toEqual(['a', 'c']);
    expect(page?.[1]?.request.messages[0]?.content).toBe('Question c');
    expect([...(store.iterateItemRecords?.(runId) ?? [])].map((item) => item.response?.text)).toEqual([
      ' answer to a',
      ' answer to b',
      ' answer to c',
    ]);
  });
});
