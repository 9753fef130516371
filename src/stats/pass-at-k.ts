import type { Estimate } from '../spec/index.ts';
import { bootstrapInterval } from './bootstrap-interval.ts';

/**
 * The unbiased pass@k estimator of Chen et al. 2021 (human-eval `estimate_pass_at_k`, docs/code-benchmarks.md, pass@k):
 * pass@k = 1 − C(n−c, k) / C(n, k), computed as the numerically stable product 1 − Π_{i=n−c+1}^{n} (1 − k/i).
 * `n` samples of which `correct` passed; 1 when fewer than k samples failed. Throws RangeError when k > n.
 */
export function passAtK(options: { n: number; correct: number; k: number }): number {
  const { n, correct, k } = options;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`pass@${k} needs 1 ≤ k ≤ n (n = ${n})`);
  if (correct < 0 || correct > n) throw new RangeError(`correct must be in [0, ${n}], got ${correct}`);
  if (n - correct < k) return 1;
  let product = 1;
  for (let index = n - correct + 1; index <= n; index += 1) product *= 1 - k / index;
  return 1 - product;
}

/** One problem's samples: how many were scored and how many passed. */
export interface SampleCounts {
  readonly n: number;
  readonly correct: number;
}

/**
 * Counts scored samples and passes per item from per-sample 0/1 values; null (unscored) values are left out.
 * Items keep their first-seen order.
 */
export function countSamples(
  samples: Iterable<{ readonly itemId: string; readonly value: number | null | undefined }>,
): Map<string, SampleCounts> {
  const counts = new Map<string, { n: number; correct: number }>();
  for (const sample of samples) {
    if (sample.value === null || sample.value === undefined) continue;
    let count = counts.get(sample.itemId);
    if (!count) counts.set(sample.itemId, (count = { n: 0, correct: 0 }));
    count.n += 1;
    if (sample.value > 0) count.correct += 1;
  }
  return counts;
}

/**
 * The k values reported for problems with these sample counts: every k from 1 to the smallest n (human-eval
 * reports pass@k only when every problem has at least k samples). Empty when there are no problems.
 */
export function reportableKs(counts: Iterable<SampleCounts>): number[] {
  let smallest = Number.POSITIVE_INFINITY;
  for (const count of counts) smallest = Math.min(smallest, count.n);
  // Stryker disable next-line ConditionalExpression: below 1 (0, negative, fractional) Array.from gives [] anyway
  if (!Number.isFinite(smallest) || smallest < 1) return [];
  return Array.from({ length: smallest }, (_, index) => index + 1);
}

/** Default bootstrap settings of per-run pass@k intervals (printed beside them). */
export const passAtKBootstrapDefaults = { resamples: 10_000, seed: 0 } as const;

/**
 * pass@k over problems (mean of per-problem pass@k) with a seeded percentile-bootstrap 95% interval that
 * resamples problems (the samples of one problem move together). Defaults: 10,000 resamples, seed 0. A problem
 * with fewer than k samples, or no problem at all, gives value NaN and method 'none'.
 */
export function passAtKEstimate(
  problems: readonly SampleCounts[],
  options: { k: number; resamples?: number; seed?: number },
): Estimate {
  if (problems.length === 0 || problems.some((problem) => problem.n < options.k)) {
    return { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: problems.length, method: 'none' };
  }
  const perProblem = problems.map((problem) => passAtK({ ...problem, k: options.k }));
  const mean = (values: readonly number[]): number =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const resamples = options.resamples ?? passAtKBootstrapDefaults.resamples;
  const seed = options.seed ?? passAtKBootstrapDefaults.seed;
  const result = bootstrapInterval({ units: perProblem, statistic: mean, resamples, seed });
  return {
    value: result.value,
    ci95: result.ci,
    n: perProblem.length,
    method: 'bootstrap-percentile',
    resamples,
    seed,
  };
}
