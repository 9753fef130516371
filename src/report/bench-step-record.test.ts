import { describe, expect, it } from 'vitest';
import type { BenchStepRecord, ItemRecord } from '../spec/index.ts';
import { stepMetrics } from '../loadgen/step-metrics.ts';
import { benchStepItemRecord, readBenchStepRecord } from './bench-step-record.ts';

const requests = [
  {
    startMs: 0,
    status: 'ok' as const,
    ttftMs: 100,
    e2elMs: 160,
    itlMs: [20, 40],
    inputTokens: 5,
    outputTokens: 3,
    outputTokensFromServer: true,
  },
  { startMs: 3, status: 'error' as const, itlMs: [], error: 'HTTP 500: boom' },
];

const step: BenchStepRecord = {
  stepIndex: 2,
  metrics: stepMetrics({
    load: { type: 'request-rate', requestRate: Number.POSITIVE_INFINITY, burstiness: 1 },
    samples: requests,
    durationMs: 500,
    slo: { ttftMs: 150 },
  }),
  requests,
  settings: {
    endpoint: 'chat',
    inputTokens: 5,
    outputTokens: 3,
    ignoreEos: true,
    seed: 0,
    requestsPerStep: 2,
    warmupRequests: 1,
    slo: { ttftMs: 150 },
  },
};

describe('bench step records', () => {
  it('store a step as an item record (scores = the --json object) and read it back whole', () => {
    const record = benchStepItemRecord({
      runId: 'run-1',
      step,
      request: { messages: [{ role: 'user', content: 'x' }], parameters: { maxTokens: 3 } },
    });
    expect(record).toMatchObject({
      itemId: 'step-2',
      group: 'rate=inf',
      status: 'ok',
      cacheKey: 'bench:run-1:step-2',
    });
    expect(record.response).toBeUndefined();
    expect(record.scores).toMatchObject({
      request_rate: null,
      completed: 1,
      failed: 1,
      request_goodput: 2,
      mean_ttft_ms: 100,
    });
    // Through JSON, as the store keeps it.
    const stored = JSON.parse(JSON.stringify(record)) as ItemRecord;
    expect(readBenchStepRecord(stored, { runId: 'run-1' })).toEqual(step);
  });

  it('reject records that are not bench steps, naming the run and item', () => {
    const record = { itemId: 'q-1', extracted: 'A' } as ItemRecord;
    expect(() => readBenchStepRecord(record, { runId: 'run-1' })).toThrow(
      'run run-1, q-1: not a bench step record',
    );
    const damaged = { itemId: 'step-0', extracted: '{"version":1}' } as ItemRecord;
    expect(() => readBenchStepRecord(damaged, { runId: 'run-1' })).toThrow(
      /^run run-1, step-0: stored bench step does not parse/,
    );
  });
});
