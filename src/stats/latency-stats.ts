import type { LatencyStats } from '../spec/bench.ts';

/**
 * The `fraction` quantile (0–1) of ascending `sortedValues`, by linear interpolation between closest ranks
 * (numpy.percentile's default, 'linear'): position = fraction × (n − 1). Undefined for no values.
 */
export function quantile(sortedValues: readonly number[], fraction: number): number | undefined {
  const count = sortedValues.length;
  if (count === 0) return undefined;
  const position = Math.min(Math.max(fraction, 0), 1) * (count - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, count - 1);
  const lowerValue = sortedValues[lower] as number;
  const upperValue = sortedValues[upper] as number;
  return lowerValue + (upperValue - lowerValue) * (position - lower);
}

/** Mean, population standard deviation, median, p90, p95 and p99 of `values` (any order; not modified). */
export function latencyStats(values: readonly number[]): LatencyStats {
  const count = values.length;
  if (count === 0) return { count: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / count;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const list = Array.from(sorted);
  return {
    count,
    mean,
    std: Math.sqrt(squares / count),
    median: quantile(list, 0.5),
    p90: quantile(list, 0.9),
    p95: quantile(list, 0.95),
    p99: quantile(list, 0.99),
  };
}
