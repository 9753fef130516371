/** Hours in an average month (8,760 / 12). */
export const hoursPerMonth = 730;

/**
 * USD per million output tokens of a replica at full load (docs/cost.md's capacity figure):
 *   (gpu_hourly × gpus + overhead_hourly) / (output tokens/s × 3600 × utilization / 1e6).
 * 70B on 4 × H100 at $2.49 and 3,543 tokens/s at full utilization: 9.96 / 12.7548 = $0.78. This is a capacity
 * price, not what a workload pays: that is spend ÷ tokens (see `selfHostedMonth`).
 */
export function selfHostedUsdPerMillionOutputTokens(options: {
  gpuHourlyUsd: number;
  gpuCount: number;
  outputTokensPerSecond: number;
  utilization: number;
  overheadHourlyUsd?: number;
}): number {
  const hourlyUsd = options.gpuHourlyUsd * options.gpuCount + (options.overheadHourlyUsd ?? 0);
  const millionTokensPerHour = (options.outputTokensPerSecond * 3600 * options.utilization) / 1e6;
  return hourlyUsd / millionTokensPerHour;
}

export interface SelfHostedMonth {
  /** Replicas (each `gpuCount` GPUs) needed for both the monthly volume and the peak. */
  readonly replicas: number;
  readonly replicasForVolume: number;
  readonly replicasForPeak: number;
  readonly gpuUsdPerMonth: number;
  /** GPUs plus the fixed monthly costs (operations, staff, fine-tuning). */
  readonly monthlyUsd: number;
  /** Output tokens one replica serves in a month at the workload's utilization ceiling. */
  readonly replicaCapacityOutputTokensPerMonth: number;
  /** Share of the replicas' full-load capacity the workload's monthly volume uses. */
  readonly utilization: number;
}

/**
 * A month of self-hosting: enough replicas for the monthly output volume without exceeding
 * `utilizationCeiling` of their capacity and for the peak request rate at full speed (throughput figures
 * already include the prefill of each request), billed around the clock, plus fixed costs. GPUs are paid
 * whether busy or not; `utilization` says how busy they are.
 */
export function selfHostedMonth(options: {
  gpuHourlyUsd: number;
  gpuCount: number;
  outputTokensPerSecond: number;
  requestsPerSecond: number;
  utilizationCeiling: number;
  outputTokensPerMonth: number;
  peakRequestsPerSecond: number;
  fixedUsdPerMonth: number;
}): SelfHostedMonth {
  const fullLoadPerMonth = options.outputTokensPerSecond * 3600 * hoursPerMonth;
  const capacity = fullLoadPerMonth * options.utilizationCeiling;
  const replicasForVolume = Math.ceil(options.outputTokensPerMonth / capacity);
  const replicasForPeak = Math.ceil(options.peakRequestsPerSecond / options.requestsPerSecond);
  const replicas = Math.max(1, replicasForVolume, replicasForPeak);
  const gpuUsdPerMonth = replicas * options.gpuCount * options.gpuHourlyUsd * hoursPerMonth;
  return {
    replicas,
    replicasForVolume,
    replicasForPeak,
    gpuUsdPerMonth,
    monthlyUsd: gpuUsdPerMonth + options.fixedUsdPerMonth,
    replicaCapacityOutputTokensPerMonth: capacity,
    utilization: options.outputTokensPerMonth / (replicas * fullLoadPerMonth),
  };
}
