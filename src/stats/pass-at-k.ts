import type { Estimate } from '../spec/index.ts';
import { bootstrapInterval } from './bootstrap-interval.ts';

/**
 * Unbiased pass@k of one problem with `samples` generations of which `correct` pass (Chen et al. 2021):
 * 1 − C(n−c, k)/C(n, k), computed as 1 − Π_{i=n−c+1..n} (1 − k/i). NaN when k > n.
 */
export function passAtK(options: { samples: number; correct: number; k: number }): number {
  const { samples, correct, k } = options;
  if (k > samples || k < 1) return Number.NaN;
  if (samples - correct < k) return 1;
  let product = 1;
  for (let index = samples - correct + 1; index <= samples; index += 1) product *= 1 - k / index;
  return 1 - product;
}

/**
 * pass@k over problems (mean of per-problem pass@k) with a seeded percentile-bootstrap 95% interval that
 * resamples problems (the samples of one problem move together). Defaults: 10,000 resamples, seed 0.
 */
export function passAtKEstimate(
  problems: readonly { samples: number; correct: number }[],
  options: { k: number; resamples?: number; seed?: number },
): Estimate {
  const perProblem = problems.map((problem) => passAtK({ ...problem, k: options.k }));
  if (perProblem.length === 0 || perProblem.some(Number.isNaN)) {
    return { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: perProblem.length, method: 'none' };
  }
  const mean = (values: readonly number[]): number =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const result = bootstrapInterval({
    units: perProblem,
    statistic: mean,
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  return { value: result.value, ci95: result.ci, n: perProblem.length, method: 'bootstrap-percentile' };
}
