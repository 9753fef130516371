import { describe, expect, it } from 'vitest';
import type { BenchRequestSample } from '../spec/index.ts';
import { stepMetrics, timePerOutputTokenMs } from './step-metrics.ts';

/**
 * Goodput by each objective, on samples whose verdicts are worked out by hand (vLLM's benchmark_serving:
 * a request counts when every given objective holds with `<=`; a request with fewer than two output tokens
 * has TPOT 0 for goodput). Duration 2 s, so goodput = passing requests / 2.
 */
const load = { type: 'concurrency' as const, concurrency: 4 };
const sample = (fields: Partial<BenchRequestSample>): BenchRequestSample => ({
  startMs: 0,
  status: 'ok',
  itlMs: [],
  ...fields,
});
const samples: BenchRequestSample[] = [
  // A: TTFT 100, E2EL 1100, 11 tokens → TPOT 1000 / 10 = 100 (every limit below is met exactly at the boundary).
  sample({ ttftMs: 100, e2elMs: 1100, outputTokens: 11, inputTokens: 10, outputTokensFromServer: true }),
  // B: TTFT 300, E2EL 800, 6 tokens → TPOT 500 / 5 = 100.
  sample({ ttftMs: 300, e2elMs: 800, outputTokens: 6, inputTokens: 20, outputTokensFromServer: true }),
  // C: TTFT 50, E2EL 2050, 5 tokens → TPOT 2000 / 4 = 500.
  sample({ ttftMs: 50, e2elMs: 2050, outputTokens: 5, outputTokensFromServer: true }),
  // D: one token, counted by the client: no TPOT (0 for goodput).
  sample({ ttftMs: 80, e2elMs: 90, outputTokens: 1, outputTokensFromServer: false }),
  // F: answered without any text chunk: no TTFT, no E2EL, no tokens.
  sample({}),
  { startMs: 0, status: 'error', itlMs: [], error: 'HTTP 503' },
];

describe('stepMetrics goodput, by objective', () => {
  const goodput = (slo: Parameters<typeof stepMetrics>[0]['slo']) =>
    stepMetrics({ load, samples, durationMs: 2000, ...(slo ? { slo } : {}) }).goodput;

  it('TTFT ≤ 100 ms: A (at the limit), C, D', () => {
    expect(goodput({ ttftMs: 100 })).toBe(1.5);
    expect(goodput({ ttftMs: 99.9 })).toBe(1);
  });

  it('TPOT ≤ 100 ms: A and B (at the limit), D and F (no TPOT)', () => {
    expect(goodput({ tpotMs: 100 })).toBe(2);
    expect(goodput({ tpotMs: 99.9 })).toBe(1);
  });

  it('E2EL ≤ 800 ms: B (at the limit) and D', () => {
    expect(goodput({ e2elMs: 800 })).toBe(1);
    expect(goodput({ e2elMs: 1100 })).toBe(1.5);
  });

  it('every objective at once: only A and D meet TTFT ≤ 100 and TPOT ≤ 100 and E2EL ≤ 1100', () => {
    expect(goodput({ ttftMs: 100, tpotMs: 100, e2elMs: 1100 })).toBe(1);
    expect(goodput({ ttftMs: 100, tpotMs: 100 })).toBe(1);
    expect(goodput({ tpotMs: 100, e2elMs: 800 })).toBe(1);
  });

  it('is absent when no objective is given, even as an object of undefined limits', () => {
    expect(goodput(undefined)).toBeUndefined();
    expect(goodput({ ttftMs: undefined })).toBeUndefined();
  });
});

describe('stepMetrics totals and prices', () => {
  it('sums tokens of answered requests, counts client-counted outputs, and prices per million tokens', () => {
    const metrics = stepMetrics({ load, samples, durationMs: 2000, cost: { gpuHourlyUsd: 2, gpus: 4 } });
    // Output 11 + 6 + 5 + 1 = 23 tokens in 2 s = 11.5 tok/s; input 30, so 26.5 tok/s in all.
    // $8/h ÷ (11.5 × 3600 / 1e6) = $193.2367…/M; $8/h ÷ (26.5 × 3600 / 1e6) = $83.8574…/M.
    expect(metrics).toMatchObject({
      completed: 5,
      failed: 1,
      errorRate: 1 / 6,
      totalInputTokens: 30,
      totalOutputTokens: 23,
      requestThroughput: 2.5,
      outputThroughput: 11.5,
      totalTokenThroughput: 26.5,
      outputTokensCounted: 1,
    });
    expect(metrics.cost?.usdPerMillionOutputTokens).toBeCloseTo(193.23671497584542, 9);
    expect(metrics.cost?.usdPerMillionTotalTokens).toBeCloseTo(83.85744234800839, 9);
    expect(metrics.ttft.count).toBe(4);
    expect(metrics.tpot.count).toBe(3);
    expect(metrics.e2el.count).toBe(4);
  });

  it('gives no price per token when nothing was produced, and zero rates over a zero duration', () => {
    const failedOnly = stepMetrics({
      load,
      samples: [samples[5] as BenchRequestSample],
      durationMs: 1000,
      cost: { gpuHourlyUsd: 2, gpus: 4 },
    });
    expect(failedOnly.cost).toEqual({ gpuHourlyUsd: 2, gpus: 4 });
    const instant = stepMetrics({ load, samples, durationMs: 0 });
    expect(instant).toMatchObject({ requestThroughput: 0, outputThroughput: 0, totalTokenThroughput: 0 });
  });
});

describe('timePerOutputTokenMs edge cases', () => {
  it('needs both times and at least two tokens', () => {
    expect(timePerOutputTokenMs(sample({ ttftMs: 10, outputTokens: 5 }))).toBeUndefined();
    expect(timePerOutputTokenMs(sample({ e2elMs: 10, outputTokens: 5 }))).toBeUndefined();
    expect(timePerOutputTokenMs(sample({ ttftMs: 10, e2elMs: 20 }))).toBeUndefined();
    expect(timePerOutputTokenMs(sample({ ttftMs: 10, e2elMs: 20, outputTokens: 1 }))).toBeUndefined();
    expect(timePerOutputTokenMs(sample({ ttftMs: 10, e2elMs: 20, outputTokens: 2 }))).toBe(10);
    expect(timePerOutputTokenMs(sample({ ttftMs: 0, e2elMs: 30, outputTokens: 3 }))).toBe(15);
  });
});
