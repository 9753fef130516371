import type { BenchStepMetrics, LatencyStats } from '../spec/index.ts';

const latencyNames = ['ttft', 'tpot', 'itl', 'e2el'] as const;

function latencyFields(name: string, stats: LatencyStats | undefined): Record<string, number | null> {
  return {
    [`mean_${name}_ms`]: stats?.mean ?? null,
    [`median_${name}_ms`]: stats?.median ?? null,
    [`std_${name}_ms`]: stats?.std ?? null,
    [`p50_${name}_ms`]: stats?.median ?? null,
    [`p90_${name}_ms`]: stats?.p90 ?? null,
    [`p95_${name}_ms`]: stats?.p95 ?? null,
    [`p99_${name}_ms`]: stats?.p99 ?? null,
  };
}

/** One field of the `--json` step: a number, null, or vLLM's "inf" for an unlimited request rate. */
export type BenchJsonValue = number | string | null;

/**
 * One sweep step as `parity bench --json` prints it (docs/bench.md), with vLLM's names exactly where the meaning
 * is the same (vllm/benchmarks/serve.py, vllm-project/vllm 009e6d4a1cd6ba3fb2a9fc00f4ec06f5297232a1):
 * `request_rate` (a number, or "inf" for a closed-loop step or an unlimited rate), `burstiness`,
 * `max_concurrency` (null for an open-loop step), `duration` (seconds), `completed`, `failed`,
 * `total_input_tokens`, `total_output_tokens`, `request_throughput`, `request_goodput` (null without SLOs),
 * `output_throughput`, `total_token_throughput`, `max_output_tokens_per_s`, `max_concurrent_requests`, and
 * `mean_`/`median_`/`std_`/`p<q>_` + `ttft`/`tpot`/`itl`/`e2el` + `_ms`.
 *
 * parity's TTFT ends at the first chunk with non-empty text; vLLM's at the first chunk with choices, even an
 * empty one (a chat stream's role-only first chunk). `*_ttft_ms` are parity's; `*_ttft_first_chunk_ms` carry
 * vLLM's boundary. For reasoning models `*_ttft_reasoning_ms` end at the first reasoning token and
 * `*_ttft_content_ms` at the first answer token (eval's `reasoningTtftMs` and `ttftMs`; null statistics when no
 * request streamed that kind of text). parity's own additions: `concurrency` (closed-loop steps), `error_rate`,
 * `output_tokens_counted` and the cost fields.
 */
export function benchStepJson(metrics: BenchStepMetrics): Record<string, BenchJsonValue> {
  const load = metrics.load;
  const traffic: Record<string, BenchJsonValue> =
    load.type === 'concurrency'
      ? {
          request_rate: 'inf',
          burstiness: 1,
          max_concurrency: load.concurrency,
          concurrency: load.concurrency,
        }
      : {
          request_rate: Number.isFinite(load.requestRate) ? load.requestRate : 'inf',
          burstiness: load.burstiness,
          max_concurrency: null,
        };
  const json: Record<string, BenchJsonValue> = {
    ...traffic,
    duration: metrics.durationS,
    completed: metrics.completed,
    failed: metrics.failed,
    error_rate: metrics.errorRate,
    total_input_tokens: metrics.totalInputTokens,
    total_output_tokens: metrics.totalOutputTokens,
    request_throughput: metrics.requestThroughput,
    request_goodput: metrics.goodput ?? null,
    output_throughput: metrics.outputThroughput,
    total_token_throughput: metrics.totalTokenThroughput,
    max_output_tokens_per_s: metrics.maxOutputTokensPerS ?? null,
    max_concurrent_requests: metrics.maxConcurrentRequests ?? null,
  };
  for (const name of latencyNames) Object.assign(json, latencyFields(name, metrics[name]));
  Object.assign(json, latencyFields('ttft_first_chunk', metrics.ttftFirstChunk));
  Object.assign(json, latencyFields('ttft_reasoning', metrics.ttftReasoning));
  Object.assign(json, latencyFields('ttft_content', metrics.ttftContent));
  json.output_tokens_counted = metrics.outputTokensCounted;
  if (metrics.cost) {
    json.gpu_hourly_usd = metrics.cost.gpuHourlyUsd;
    json.gpus = metrics.cost.gpus;
    json.cost_per_million_output_tokens_usd = metrics.cost.usdPerMillionOutputTokens ?? null;
    json.cost_per_million_total_tokens_usd = metrics.cost.usdPerMillionTotalTokens ?? null;
  }
  return json;
}

/** The step's `--json` object as stored `scores` (numbers only: "inf" is kept as null). */
export function benchStepScores(metrics: BenchStepMetrics): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(benchStepJson(metrics)).map(([name, value]) => [
      name,
      typeof value === 'number' ? value : null,
    ]),
  );
}
