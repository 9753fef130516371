import type { BenchStepMetrics } from '../spec/index.ts';

/** A step whose error rate reaches this fraction ends the sweep. */
export const saturationErrorRate = 0.1;
/** A step that raises request throughput by less than this fraction over the best earlier step ends the sweep. */
export const saturationMinGrowth = 0.1;

/**
 * Why a sweep should stop after its latest step, or undefined to go on. Steps run in the order given (the CLI
 * sorts them by increasing load). Rule: stop when the latest step's error rate is ≥ 10 %, or when it is not the
 * first step and its request throughput is less than 1.1 × the best throughput of the earlier steps.
 */
export function saturationReason(steps: readonly BenchStepMetrics[]): string | undefined {
  const latest = steps.at(-1);
  if (!latest) return undefined;
  if (latest.errorRate >= saturationErrorRate) {
    return `error rate ${(latest.errorRate * 100).toFixed(1)}% ≥ ${saturationErrorRate * 100}%`;
  }
  if (steps.length < 2) return undefined;
  const best = Math.max(...steps.slice(0, -1).map((step) => step.requestThroughput));
  if (latest.requestThroughput < best * (1 + saturationMinGrowth)) {
    return `request throughput ${latest.requestThroughput.toFixed(2)}/s grew less than ${saturationMinGrowth * 100}% over ${best.toFixed(2)}/s`;
  }
  return undefined;
}
