import { describe, expect, it } from 'vitest';
import type { BenchRequestSample } from '../spec/index.ts';
import { peakFigures, requestSample, stepMetrics, timePerOutputTokenMs } from './step-metrics.ts';

const ok = (ttftMs: number, e2elMs: number, outputTokens: number, itlMs: number[]): BenchRequestSample => ({
  startMs: 0,
  status: 'ok',
  ttftMs,
  e2elMs,
  itlMs,
  inputTokens: 10,
  outputTokens,
  outputTokensFromServer: true,
});

describe('requestSample', () => {
  it('takes TTFT, e2e and the gaps between text chunks from the arrival times, token counts from the server', () => {
    expect(
      requestSample(
        {
          startMs: 1000,
          textChunkTimesMs: [1200, 1220, 1250],
          endMs: 1251,
          promptTokens: 7,
          completionTokens: 4,
        },
        900,
      ),
    ).toEqual({
      startMs: 100,
      status: 'ok',
      ttftMs: 200,
      e2elMs: 250,
      itlMs: [20, 30],
      inputTokens: 7,
      outputTokens: 4,
      outputTokensFromServer: true,
    });
  });

  it('falls back to the chunk count and the requested prompt length when the server reports no usage', () => {
    expect(
      requestSample({ startMs: 0, textChunkTimesMs: [5, 6], endMs: 7, expectedInputTokens: 32 }, 0),
    ).toMatchObject({ inputTokens: 32, outputTokens: 2, outputTokensFromServer: false });
  });

  it('marks failures', () => {
    expect(
      requestSample(
        { startMs: 0, textChunkTimesMs: [], endMs: 3, error: { message: 'HTTP 500', statusCode: 500 } },
        0,
      ),
    ).toEqual({ startMs: 0, status: 'error', itlMs: [], error: 'HTTP 500' });
  });
});

describe('timePerOutputTokenMs', () => {
  it('is (e2e − TTFT) / (tokens − 1), undefined below two tokens', () => {
    expect(timePerOutputTokenMs(ok(200, 400, 11, []))).toBe(20);
    expect(timePerOutputTokenMs(ok(200, 200, 1, []))).toBeUndefined();
  });
});

describe('stepMetrics', () => {
  it('computes throughputs over the duration, excludes failures from latencies, and counts goodput and cost', () => {
    const samples: BenchRequestSample[] = [
      ok(100, 300, 11, [20, 20]),
      ok(300, 500, 11, [20, 20]),
      { startMs: 0, status: 'error', itlMs: [], error: 'HTTP 500' },
    ];
    const metrics = stepMetrics({
      load: { type: 'concurrency', concurrency: 2 },
      samples,
      durationMs: 2000,
      slo: { ttftMs: 200 },
      cost: { gpuHourlyUsd: 3.6, gpus: 1 },
    });
    expect(metrics).toEqual({
      load: { type: 'concurrency', concurrency: 2 },
      completed: 2,
      failed: 1,
      errorRate: 1 / 3,
      durationS: 2,
      totalInputTokens: 20,
      totalOutputTokens: 22,
      requestThroughput: 1,
      outputThroughput: 11,
      totalTokenThroughput: 21,
      goodput: 0.5,
      ttft: { count: 2, mean: 200, std: 100, median: 200, p90: 280, p95: 290, p99: 298 },
      tpot: { count: 2, mean: 20, std: 0, median: 20, p90: 20, p95: 20, p99: 20 },
      itl: { count: 4, mean: 20, std: 0, median: 20, p90: 20, p95: 20, p99: 20 },
      e2el: { count: 2, mean: 400, std: 100, median: 400, p90: 480, p95: 490, p99: 498 },
      ttftFirstChunk: { count: 0 },
      ttftReasoning: { count: 0 },
      ttftContent: { count: 0 },
      outputTokensCounted: 0,
      // Both start at 0: six text chunks at 100-340 ms fall in the first second; both in flight until 300 ms.
      maxOutputTokensPerS: 6,
      maxConcurrentRequests: 2,
      // $3.60/h ÷ (11 tok/s × 3600 s / 1e6) = $90.909…/M output tokens; ÷ 21 tok/s for total tokens.
      cost: {
        gpuHourlyUsd: 3.6,
        gpus: 1,
        usdPerMillionOutputTokens: expect.closeTo(3.6 / ((11 * 3600) / 1e6), 9),
        usdPerMillionTotalTokens: expect.closeTo(3.6 / ((21 * 3600) / 1e6), 9),
      },
    });
  });

  it("takes vLLM's TTFT from the first chunk with choices, text or not", () => {
    const sample = requestSample(
      { startMs: 1000, firstChoiceMs: 1050, textChunkTimesMs: [1200, 1220], endMs: 1221 },
      1000,
    );
    expect(sample).toMatchObject({ ttftMs: 200, ttftFirstChunkMs: 50 });
    const metrics = stepMetrics({
      load: { type: 'concurrency', concurrency: 1 },
      samples: [sample, { ...sample, ttftFirstChunkMs: 70 }],
      durationMs: 1000,
    });
    expect(metrics.ttftFirstChunk).toMatchObject({ count: 2, mean: 60 });
    expect(metrics.ttft).toMatchObject({ count: 2, mean: 200 });
  });

  it('TTFT of a reasoning model at its first reasoning token and at its first content token', () => {
    const sample = requestSample(
      {
        startMs: 1000,
        firstChoiceMs: 1010,
        firstReasoningMs: 1040,
        firstContentMs: 1300,
        textChunkTimesMs: [1040, 1060, 1300, 1320],
        endMs: 1321,
      },
      1000,
    );
    expect(sample).toMatchObject({ ttftMs: 40, ttftReasoningMs: 40, ttftContentMs: 300 });
    const plain = requestSample({ startMs: 0, firstContentMs: 90, textChunkTimesMs: [90], endMs: 91 }, 0);
    expect(plain.ttftReasoningMs).toBeUndefined();
    const metrics = stepMetrics({
      load: { type: 'concurrency', concurrency: 1 },
      samples: [sample, { ...sample, ttftReasoningMs: 60, ttftContentMs: 500 }, plain],
      durationMs: 1000,
    });
    // Reasoning TTFT over the requests that reasoned; content TTFT over every request that answered.
    expect(metrics.ttftReasoning).toMatchObject({ count: 2, mean: 50 });
    expect(metrics.ttftContent).toMatchObject({ count: 3, mean: (300 + 500 + 90) / 3 });
  });

  it('peak figures as vLLM: text chunks per whole second from the first send, most requests in flight at once', () => {
    const at = (startMs: number, ttftMs: number, itlMs: number[]): BenchRequestSample => ({
      ...ok(ttftMs, ttftMs + itlMs.reduce((sum, gap) => sum + gap, 0), itlMs.length + 1, itlMs),
      startMs,
    });
    // Chunks at 900, 1000, 1100 | 1500, 1600 | 2500: buckets [1, 4, 1] from the first send at 0.
    // In flight: [0, 1100), [1000, 1600), [1600, 2500): the third starts as the second ends → peak 2.
    expect(
      peakFigures([
        at(0, 900, [100, 100]),
        at(1000, 500, [100]),
        at(1600, 900, []),
        { startMs: 0, status: 'error', itlMs: [] },
      ]),
    ).toEqual({ maxOutputTokensPerS: 4, maxConcurrentRequests: 2 });
    expect(peakFigures([])).toEqual({ maxOutputTokensPerS: 0, maxConcurrentRequests: 0 });
  });

  it('has no goodput without objectives and empty latency stats without successes', () => {
    const metrics = stepMetrics({
      load: { type: 'request-rate', requestRate: 2, burstiness: 1 },
      samples: [{ startMs: 0, status: 'error', itlMs: [] }],
      durationMs: 1000,
    });
    expect(metrics).toMatchObject({ completed: 0, failed: 1, errorRate: 1, ttft: { count: 0 } });
    expect(metrics.goodput).toBeUndefined();
  });
});

describe('peakFigures (worked by hand)', () => {
  const sample = (
    startMs: number,
    ttftMs: number,
    itlMs: number[],
    e2elMs: number,
    status: 'ok' | 'error' = 'ok',
  ): BenchRequestSample => ({ ...ok(ttftMs, e2elMs, itlMs.length + 1, itlMs), startMs, status });

  it('counts only successful requests with a latency, in one-second buckets from the first send', () => {
    // ok: A sends at 1000, one chunk at 1100 (ends 1100); B sends at 1100, chunks at 3100, 3200, 3300, 3400
    // (ends 3400); C sends at 1900, chunks at 3350, 3400 (ends 3400). Buckets from 1000: [1000, 2000) holds
    // A's chunk, [3000, 4000) holds 4 + 2 = 6 chunks: the peak is 6 tokens/s, in the last bucket (span 2400 ms,
    // ceil(2.4) + 1 = 4 buckets). In flight: A alone, then B, then B and C: peak 2.
    // Left out: a failed request overlapping B and C with 6 chunks in the same second (it would make 12 and 3),
    // and an ok request without any chunk that sends first, at 0 (it would move the buckets by a second).
    expect(
      peakFigures([
        sample(1000, 100, [], 100),
        sample(1100, 2000, [100, 100, 100], 2300),
        sample(1900, 1450, [50], 1500),
        sample(3100, 10, [1, 1, 1, 1, 1], 15, 'error'),
        { startMs: 0, status: 'ok', itlMs: [] },
      ]),
    ).toEqual({ maxOutputTokensPerS: 6, maxConcurrentRequests: 2 });
  });

  it('ends a request before another starts at the same instant, whatever the order of the samples', () => {
    // B starts at 1000, exactly when A ends: never two in flight (vLLM's half-open intervals).
    const a = sample(0, 10, [], 1000);
    const b = sample(1000, 10, [], 500);
    expect(peakFigures([b, a]).maxConcurrentRequests).toBe(1);
    expect(peakFigures([a, b]).maxConcurrentRequests).toBe(1);
  });
});

describe('requestSample and stepMetrics leave out what is unknown', () => {
  it('has no token fields when neither the server nor the request gives a count', () => {
    const unknown = requestSample({ startMs: 0, textChunkTimesMs: [], endMs: 3 }, 0);
    expect(Object.keys(unknown).sort()).toEqual(['itlMs', 'startMs', 'status']);
  });

  it('prices nothing per token when nothing was produced, and has an error rate of 0 without requests', () => {
    const empty = stepMetrics({
      load: { type: 'concurrency', concurrency: 1 },
      samples: [],
      durationMs: 1000,
      cost: { gpuHourlyUsd: 2, gpus: 1 },
    });
    expect(empty.errorRate).toBe(0);
    expect(empty.cost).toEqual({ gpuHourlyUsd: 2, gpus: 1 });
    expect(Object.keys(empty.cost ?? {})).not.toContain('usdPerMillionOutputTokens');
    expect(Object.keys(empty.cost ?? {})).not.toContain('usdPerMillionTotalTokens');
  });

  it('counts goodput when any one objective is set', () => {
    const metrics = stepMetrics({
      load: { type: 'concurrency', concurrency: 1 },
      samples: [ok(100, 300, 3, [100, 100]), ok(500, 700, 3, [100, 100])],
      durationMs: 2000,
      slo: { ttftMs: 200, tpotMs: undefined },
    });
    // One of the two requests has TTFT ≤ 200 ms, over 2 s: 0.5 requests/s.
    expect(metrics.goodput).toBe(0.5);
  });
});
