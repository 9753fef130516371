import { describe, expect, it } from 'vitest';
import type { ItemRecord, MetricSpec, StoredRun } from '../spec/index.ts';
import { formatRunDetail, runDetailJson } from './format-run-detail.ts';
import { buildRunDetail } from './run-detail.ts';
import { buildRunView } from './run-view.ts';

const metrics: MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
];

function item(index: number, options: { group: string; score?: number; error?: string }): ItemRecord {
  return {
    itemId: `${options.group}/${index}`,
    sample: 0,
    group: options.group,
    status: options.error ? 'error' : 'ok',
    request: { messages: [{ role: 'user', content: 'q' }], parameters: {} },
    ...(options.error
      ? { error: { name: options.error, message: `${options.error} on item ${index}` } }
      : {
          response: {
            text: 'A',
            finishReason: 'stop',
            usage: { inputTokens: 10, outputTokens: 1 },
            timing: { totalMs: 100 * (index + 1) },
            prefillApplied: false,
          },
        }),
    extracted: options.error ? null : 'A',
    scores: options.error ? {} : { accuracy: options.score ?? 0 },
    cached: false,
    attempts: 1,
    cacheKey: `k${index}`,
  };
}

function run(overrides: Partial<StoredRun>): StoredRun {
  return {
    runId: 'r1',
    kind: 'eval',
    config: {
      modelSpec: 'openai:m',
      model: { provider: 'openai', endpoint: 'https://example.invalid/v1', modelId: 'm' },
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
      protocolVersion: 3,
      concurrency: 2,
      timeoutMs: 30_000,
      maxRetries: 1,
      topP: 0.9,
      generationOverrides: { maxTokens: 64, reasoningEffort: 'low' },
      providerFixed: ['temperature'],
      limit: 5,
    },
    status: 'completed',
    doneItems: 5,
    totalItems: 5,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    items: [
      item(0, { group: 'a', score: 1 }),
      item(1, { group: 'a', score: 0 }),
      item(2, { group: 'b', score: 1 }),
      item(3, { group: 'b', error: 'TimeoutError' }),
      item(4, { group: 'b', error: 'ProviderError' }),
    ],
    ...overrides,
  };
}

function detailOf(stored: StoredRun) {
  return buildRunDetail({ run: stored, view: buildRunView({ run: stored, metrics }), metrics });
}

describe('run page', () => {
  it('lists the generation and run settings the run set, every metric and each group with intervals', () => {
    const detail = detailOf(run({}));
    expect(detail.config.generation).toEqual([
      ['top_p', '0.9'],
      ['max tokens', '64'],
      ['reasoning effort', 'low'],
      ["provider's own sampling (not applied)", 'temperature'],
    ]);
    expect(detail.config.settings.slice(0, 4)).toEqual([
      ['items', 'first 5 (--limit)'],
      ['concurrency', '2'],
      ['timeout', '30 s'],
      ['retries', '1'],
    ]);
    expect(detail.config.parityVersion).toBeNull();
    expect(detail.metrics).toHaveLength(1);
    expect(detail.metrics[0]).toMatchObject({ name: 'accuracy', value: 2 / 3, n: 3 });
    expect(detail.groups.map((group) => [group.name, group.value, group.n])).toEqual([
      ['a', 0.5, 2],
      ['b', 1, 1],
    ]);
    expect(detail.latencyMs).toEqual({ p50: 200, p90: 300, p99: 300, count: 3 });
    expect(detail.errorKinds).toEqual([
      { name: 'ProviderError', count: 1, example: 'ProviderError on item 4' },
      { name: 'TimeoutError', count: 1, example: 'TimeoutError on item 3' },
    ]);
    expect(detail.statusReason).toBeNull();
  });

  it('says why a run failed and how to go on with an interrupted one', () => {
    expect(detailOf(run({ status: 'failed' })).statusReason).toBe(
      'TimeoutError: TimeoutError on item 3 (first failed item: b/3)',
    );
    expect(detailOf(run({ status: 'failed', items: [] })).statusReason).toBe(
      'the endpoint failed before any item was stored',
    );
    expect(detailOf(run({ status: 'interrupted', doneItems: 3 })).statusReason).toBe(
      "stopped at 3/5 items; continue with 'parity resume r1'",
    );
  });

  it('prints the same for parity show, the endpoint included', () => {
    const detail = detailOf(run({ status: 'failed' }));
    const text = formatRunDetail(detail);
    expect(text).toContain('  endpoint    https://example.invalid/v1');
    expect(text).toContain('  protocol    mmlu mmlu.gen.5shot v3');
    expect(text).toContain('  status      failed — TimeoutError: TimeoutError on item 3');
    expect(text).toContain('  latency     p50 200 ms, p90 300 ms, p99 300 ms (3 timed items)');
    expect(runDetailJson(detail)).toMatchObject({
      status: 'failed',
      endpoint: 'https://example.invalid/v1',
      protocol_version: 3,
      generation: { top_p: '0.9' },
      groups: { a: { value: 0.5, n: 2 } },
    });
  });
});
