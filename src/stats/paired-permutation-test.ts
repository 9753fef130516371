import { seededRandom } from './seeded-random.ts';

export interface PermutationTestResult {
  /** Σ wᵢ dᵢ on the observed signs. */
  readonly statistic: number;
  /** Two-sided p-value P(|T*| ≥ |T|). */
  readonly pValue: number;
  /** True when all 2ⁿ sign patterns of the non-zero differences were enumerated. */
  readonly exact: boolean;
  /** Sign patterns drawn (Monte Carlo) or enumerated (exact). */
  readonly resamples: number;
}

/** Largest number of non-zero differences enumerated exactly (2^16 patterns). */
const exactLimit = 16;

/**
 * Paired sign-flip permutation test for graded scores (Fisher 1935; Good 2005 §3): under "no difference"
 * the sign of each paired difference dᵢ = aᵢ − bᵢ is equally likely ±, so T = Σ wᵢ dᵢ (weights default 1/n,
 * the mean difference) is compared with its sign-flip distribution. Up to 16 non-zero differences the
 * distribution is enumerated exactly (p = count/2ᵐ, as scipy `permutation_test(permutation_type='samples')`);
 * beyond, `resamples` (default 10,000) seeded patterns give p = (1 + count)/(1 + R) (Phipson & Smyth 2010),
 * where each pattern flips difference i (input order, zeros included) when `nextFloat() < 0.5`.
 */
export function pairedPermutationTest(
  differences: readonly number[],
  options: { weights?: readonly number[]; resamples?: number; seed?: number } = {},
): PermutationTestResult {
  const n = differences.length;
  const weighted = differences.map((difference, index) => difference * (options.weights?.[index] ?? 1 / n));
  const statistic = weighted.reduce((sum, value) => sum + value, 0);
  const threshold = Math.abs(statistic) - 1e-12 * Math.max(1, Math.abs(statistic));
  const nonZero = weighted.filter((value) => value !== 0);
  // Stryker disable next-line ConditionalExpression: without the shortcut the one empty pattern has total 0 ≥ threshold 0: p 1 of 1 pattern, the same result
  if (nonZero.length === 0) return { statistic, pValue: 1, exact: true, resamples: 1 };
  if (nonZero.length <= exactLimit) {
    const patterns = 2 ** nonZero.length;
    let count = 0;
    for (let pattern = 0; pattern < patterns; pattern += 1) {
      let total = 0;
      // Stryker disable next-line EqualityOperator: one more index reads nonZero[m] ?? 0 and adds ±0
      for (let index = 0; index < nonZero.length; index += 1) {
        const value = nonZero[index] ?? 0;
        // Stryker disable next-line AssignmentOperator: subtracting negates the pattern's total; its absolute value is compared
        total += (pattern >> index) & 1 ? -value : value;
      }
      // Stryker disable next-line EqualityOperator: > differs only when a |total| lands exactly on |T| − 1e-12·max(1, |T|), the rounding tolerance's own edge (precision only)
      if (Math.abs(total) >= threshold) count += 1;
    }
    return { statistic, pValue: count / patterns, exact: true, resamples: patterns };
  }
  const resamples = options.resamples ?? 10_000;
  const random = seededRandom(options.seed ?? 0);
  let count = 0;
  for (let resample = 0; resample < resamples; resample += 1) {
    let total = 0;
    for (let index = 0; index < n; index += 1) {
      const value = weighted[index] ?? 0;
      // Stryker disable next-line AssignmentOperator,EqualityOperator: negating the total or flipping on the complementary draws gives the same |total| (≥ 0.5 swaps which half flips; <= differs only for a draw of exactly 0.5, probability 2⁻³²)
      total += random.nextFloat() < 0.5 ? -value : value;
    }
    // Stryker disable next-line EqualityOperator: > differs only when a |total| lands exactly on |T| − 1e-12·max(1, |T|), the rounding tolerance's own edge (precision only)
    if (Math.abs(total) >= threshold) count += 1;
  }
  return { statistic, pValue: (1 + count) / (1 + resamples), exact: false, resamples };
}
