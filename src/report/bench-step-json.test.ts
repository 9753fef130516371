import { describe, expect, it } from 'vitest';
import { stepMetrics } from '../loadgen/step-metrics.ts';
import type { BenchRequestSample } from '../spec/index.ts';
import { benchStepJson, benchStepScores } from './bench-step-json.ts';

const sample: BenchRequestSample = {
  startMs: 0,
  status: 'ok',
  ttftMs: 200,
  ttftFirstChunkMs: 40,
  e2elMs: 400,
  itlMs: [100, 100],
  inputTokens: 10,
  outputTokens: 3,
  outputTokensFromServer: true,
};

describe('benchStepJson', () => {
  it("uses vLLM benchmark_serving's result names (vllm/benchmarks/serve.py) for a closed-loop step", () => {
    const json = benchStepJson(
      stepMetrics({ load: { type: 'concurrency', concurrency: 4 }, samples: [sample], durationMs: 2000 }),
    );
    expect(json).toMatchObject({
      request_rate: 'inf',
      burstiness: 1,
      max_concurrency: 4,
      duration: 2,
      completed: 1,
      failed: 0,
      total_input_tokens: 10,
      total_output_tokens: 3,
      request_throughput: 0.5,
      request_goodput: null,
      output_throughput: 1.5,
      total_token_throughput: 6.5,
      max_output_tokens_per_s: 3,
      max_concurrent_requests: 1,
      mean_ttft_ms: 200,
      median_ttft_ms: 200,
      std_ttft_ms: 0,
      p99_ttft_ms: 200,
      mean_tpot_ms: 100,
      mean_itl_ms: 100,
      mean_e2el_ms: 400,
      // vLLM's TTFT boundary: the first chunk with choices, even an empty one.
      mean_ttft_first_chunk_ms: 40,
      p99_ttft_first_chunk_ms: 40,
    });
    expect(json).not.toHaveProperty('duration_s');
    expect(json).not.toHaveProperty('goodput');
  });

  it('gives an open-loop step its rate and burstiness, no max_concurrency, "inf" for an unlimited rate', () => {
    const metrics = (requestRate: number) =>
      stepMetrics({
        load: { type: 'request-rate', requestRate, burstiness: 0.5 },
        samples: [sample],
        durationMs: 1000,
        slo: { ttftMs: 300 },
      });
    expect(benchStepJson(metrics(8))).toMatchObject({
      request_rate: 8,
      burstiness: 0.5,
      max_concurrency: null,
      request_goodput: 1,
    });
    expect(benchStepJson(metrics(Number.POSITIVE_INFINITY))).toMatchObject({ request_rate: 'inf' });
    // Stored scores are numbers only: "inf" is kept as null.
    expect(benchStepScores(metrics(Number.POSITIVE_INFINITY))).toMatchObject({ request_rate: null });
  });
});
