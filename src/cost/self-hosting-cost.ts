/** Hours in an average month (8,760 / 12). */
export const hoursPerMonth = 730;

/**
 * USD per million output tokens of a self-hosted replica (REFERENCE.md §8):
 *   (gpu_hourly × gpus + overhead_hourly) / (output tokens/s × 3600 × utilization / 1e6).
 * 70B on 4 × H100 at $2.49 and 3,543 tokens/s at full utilization: 9.96 / 12.7548 = $0.78.
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
  readonly monthlyUsd: number;
  /** Output tokens one replica serves in a month at the workload's utilization. */
  readonly replicaCapacityOutputTokensPerMonth: number;
}

/**
 * A month of self-hosting: enough replicas for the monthly output volume at `utilization` and for the peak
 * at full speed, billed around the clock, plus operations. GPUs are paid whether busy or not.
 */
export function selfHostedMonth(options: {
  gpuHourlyUsd: number;
  gpuCount: number;
  outputTokensPerSecond: number;
  utilization: number;
  outputTokensPerMonth: number;
  peakOutputTokensPerSecond: number;
  operationsUsdPerMonth: number;
}): SelfHostedMonth {
  const capacity = options.outputTokensPerSecond * 3600 * hoursPerMonth * options.utilization;
  const replicasForVolume = Math.ceil(options.outputTokensPerMonth / capacity);
  const replicasForPeak = Math.ceil(options.peakOutputTokensPerSecond / options.outputTokensPerSecond);
  const replicas = Math.max(1, replicasForVolume, replicasForPeak);
  const gpuUsdPerMonth = replicas * options.gpuCount * options.gpuHourlyUsd * hoursPerMonth;
  return {
    replicas,
    replicasForVolume,
    replicasForPeak,
    gpuUsdPerMonth,
    monthlyUsd: gpuUsdPerMonth + options.operationsUsdPerMonth,
    replicaCapacityOutputTokensPerMonth: capacity,
  };
}
