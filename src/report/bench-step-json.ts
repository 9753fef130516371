import type { BenchStepMetrics, LatencyStats } from '../spec/index.ts';

const latencyNames = ['ttft', 'tpot', 'itl', 'e2el'] as const;

function latencyFields(name: string, stats: LatencyStats): Record<string, number | null> {
  return {
    [`mean_${name}_ms`]: stats.mean ?? null,
    [`median_${name}_ms`]: stats.median ?? null,
    [`std_${name}_ms`]: stats.std ?? null,
    [`p50_${name}_ms`]: stats.median ?? null,
    [`p90_${name}_ms`]: stats.p90 ?? null,
    [`p95_${name}_ms`]: stats.p95 ?? null,
    [`p99_${name}_ms`]: stats.p99 ?? null,
  };
}

/**
 * One sweep step as `parity bench --json` prints it (CONTRACT.md): vLLM benchmark_serving's names where the
 * meaning is the same (`request_throughput`, `mean_ttft_ms`, `p99_itl_ms`, …), snake_case, milliseconds for
 * latencies, per second for throughputs; a latency with no samples is null. Every value is a number or null,
 * so the object also serves as the stored step's `scores`.
 */
export function benchStepJson(metrics: BenchStepMetrics): Record<string, number | null> {
  const load: Record<string, number | null> =
    metrics.load.type === 'concurrency'
      ? { concurrency: metrics.load.concurrency }
      : {
          request_rate: Number.isFinite(metrics.load.requestRate) ? metrics.load.requestRate : null,
          burstiness: metrics.load.burstiness,
        };
  const json: Record<string, number | null> = {
    ...load,
    completed: metrics.completed,
    failed: metrics.failed,
    error_rate: metrics.errorRate,
    duration_s: metrics.durationS,
    total_input_tokens: metrics.totalInputTokens,
    total_output_tokens: metrics.totalOutputTokens,
    request_throughput: metrics.requestThroughput,
    output_throughput: metrics.outputThroughput,
    total_token_throughput: metrics.totalTokenThroughput,
    ...(metrics.goodput === undefined ? {} : { goodput: metrics.goodput }),
  };
  for (const name of latencyNames) Object.assign(json, latencyFields(name, metrics[name]));
  json.output_tokens_counted = metrics.outputTokensCounted;
  if (metrics.cost) {
    json.gpu_hourly_usd = metrics.cost.gpuHourlyUsd;
    json.gpus = metrics.cost.gpus;
    json.cost_per_million_output_tokens_usd = metrics.cost.usdPerMillionOutputTokens ?? null;
    json.cost_per_million_total_tokens_usd = metrics.cost.usdPerMillionTotalTokens ?? null;
  }
  return json;
}
