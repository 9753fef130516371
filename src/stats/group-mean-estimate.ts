import type { Estimate } from '../spec/index.ts';
import { sampleVariance } from './mean-estimate.ts';
import { Z_95 } from './wilson-interval.ts';

/**
 * Macro average: the mean over groups of each group's mean score, with a normal 95% interval from
 * Var = (1/G²) Σ_g Var_g / n_g, where Var_g is the sample variance for graded scores and, for proportions,
 * the Agresti–Coull variance p̃(1−p̃)/(n_g+4) with p̃ = (x+2)/(n_g+4), so that groups at 0% or 100% still add
 * their uncertainty. Groups with no scored items are left out. Proportion intervals are clipped to [0, 1].
 * `n` is the number of scored items over all groups.
 */
export function groupMeanEstimate(
  groups: ReadonlyMap<string, readonly number[]>,
  options: { kind: 'proportion' | 'graded' },
): Estimate {
  const scored = [...groups.values()].filter((values) => values.length > 0);
  if (scored.length === 0) return { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: 0, method: 'none' };
  let sumOfMeans = 0;
  let sumOfVariances = 0;
  let n = 0;
  for (const values of scored) {
    const mean = values.reduce((total, value) => total + value, 0) / values.length;
    sumOfMeans += mean;
    if (options.kind === 'proportion') {
      const adjusted = (mean * values.length + 2) / (values.length + 4);
      sumOfVariances += (adjusted * (1 - adjusted)) / (values.length + 4);
    } else {
      sumOfVariances += sampleVariance(values) / values.length;
    }
    n += values.length;
  }
  const value = sumOfMeans / scored.length;
  const halfWidth = (Z_95 * Math.sqrt(sumOfVariances)) / scored.length;
  let low = value - halfWidth;
  let high = value + halfWidth;
  if (options.kind === 'proportion') {
    low = Math.max(0, low);
    high = Math.min(1, high);
  }
  return { value, ci95: [low, high], n, method: 'normal-group-mean' };
}
