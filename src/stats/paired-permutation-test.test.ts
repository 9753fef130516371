// The sign-flip test against counts enumerated here in integer arithmetic (no rounding), and hand-worked cases.
import { describe, expect, it } from 'vitest';
import { pairedPermutationTest } from './paired-permutation-test.ts';

/** Sign patterns of the non-zero integer differences whose |Σ ±dᵢ| reaches |Σ dᵢ|, counted exactly. */
function exactTailCount(differences: readonly number[]): { count: number; patterns: number } {
  const nonZero = differences.filter((difference) => difference !== 0);
  const observed = Math.abs(nonZero.reduce((sum, difference) => sum + difference, 0));
  let count = 0;
  for (let pattern = 0; pattern < 2 ** nonZero.length; pattern += 1) {
    const total = nonZero.reduce(
      (sum, difference, index) => sum + ((pattern >> index) & 1 ? -difference : difference),
      0,
    );
    if (Math.abs(total) >= observed) count += 1;
  }
  return { count, patterns: 2 ** nonZero.length };
}

describe('pairedPermutationTest, exact', () => {
  it('the statistic is the mean difference by default, Σ wᵢdᵢ with weights', () => {
    expect(pairedPermutationTest([1, 2, 3, -2]).statistic).toBe(1);
    expect(pairedPermutationTest([1, 2, 3, -2], { weights: [1, 1, 1, 1] }).statistic).toBe(4);
    expect(pairedPermutationTest([1, 2, 3, -2], { weights: [2, 0, 0, 1] }).statistic).toBe(0);
  });

  it('has p 1 from one pattern when every difference is 0 or there is none', () => {
    const nothing = { statistic: 0, pValue: 1, exact: true, resamples: 1 };
    expect(pairedPermutationTest([0, 0, 0])).toEqual(nothing);
    expect(pairedPermutationTest([])).toEqual(nothing);
  });

  it('enumerates the signs of the non-zero differences only', () => {
    // T = (1 + 0 + 2)/3 = 1; totals of ±1/3 ± 2/3: 1, 1/3, −1/3, −1 → 2 of 4 reach 1.
    expect(pairedPermutationTest([1, 0, 2])).toEqual({
      statistic: 1,
      pValue: 0.5,
      exact: true,
      resamples: 4,
    });
  });

  it('is exact up to 16 non-zero differences', () => {
    // Sixteen equal differences: only all + and all − reach |T|.
    const result = pairedPermutationTest(Array.from({ length: 16 }, () => 1));
    expect(result).toMatchObject({ exact: true, resamples: 65_536 });
    expect(result.pValue).toBe(2 / 65_536);
  });

  it('counts every pattern when the observed statistic is 0', () => {
    // Totals of ±1 ± 1: 0, 2, −2, 0 — all reach |0|.
    expect(pairedPermutationTest([1, -1]).pValue).toBe(1);
  });

  it('counts the patterns that tie with |T| only up to rounding (statistic far above 1)', () => {
    // With weights 1/7 the sums of differences of ten thousands round differently in different orders; the
    // relative tolerance keeps the patterns that tie exactly in integers.
    const differences = [-6, -2, -5, 6, -3, 9, 8].map((value) => value * 10_000);
    const { count, patterns } = exactTailCount(differences);
    expect(pairedPermutationTest(differences).pValue).toBe(count / patterns);
    expect(count / patterns).toBe(92 / 128);
  });
});

describe('pairedPermutationTest, Monte Carlo', () => {
  it('counts every drawn pattern when the observed statistic is 0: p = (1 + R)/(1 + R) = 1', () => {
    const differences = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 1 : -1));
    const result = pairedPermutationTest(differences, { resamples: 200, seed: 3 });
    expect(result).toEqual({ statistic: 0, pValue: 1, exact: false, resamples: 200 });
  });
});
