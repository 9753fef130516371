// Two-sided, TOST and non-inferiority p-values built from one test's one-sided p-values. The test used is a
// z-test (estimate 0.1, standard error 0.05), whose one-sided p-values are normal tails worked out here:
//   python3 -c "from scipy.stats import norm; print(norm.sf(2), norm.sf(6))"
//   → 0.022750131948179195 9.865876450376946e-10
import { describe, expect, it } from 'vitest';
import { nonInferiorityPValue, tostPValue, twoSidedPValue } from './difference-inference.ts';
import { locationInference } from './location-inference.ts';
import { mcnemarExactInference } from './paired-binary-inference.ts';

const tailAt2 = 0.022750131948179195;
const tailAt6 = 9.865876450376946e-10;
const zTest = locationInference({ method: 'wald', estimate: 0.1, standardError: 0.05 });

describe('twoSidedPValue', () => {
  it('is twice the smaller one-sided p, at δ₀ = 0 by default and at a given δ₀', () => {
    // z = (0.1 − 0)/0.05 = 2: the smaller side is P(Z ≥ 2).
    expect(twoSidedPValue(zTest)).toBeCloseTo(2 * tailAt2, 14);
    // z = (0.1 − 0.2)/0.05 = −2: the smaller side is now P(Z ≤ −2).
    expect(twoSidedPValue(zTest, 0.2)).toBeCloseTo(2 * tailAt2, 14);
    // At the estimate both sides are ½: p = 1.
    expect(twoSidedPValue(zTest, 0.1)).toBe(1);
  });

  it('is capped at 1 when both one-sided p-values of a discrete test exceed ½', () => {
    // 3 against 3 discordant items: P(X ≥ 3) = P(X ≤ 3) = 42/64 for X ~ Binomial(6, ½), twice that is 1.3125.
    const even = mcnemarExactInference({ aOnly: 3, bOnly: 3, n: 10 });
    expect(even.pGreater(0)).toBeCloseTo(42 / 64, 14);
    expect(twoSidedPValue(even)).toBe(1);
  });
});

describe('tostPValue and nonInferiorityPValue', () => {
  it('TOST takes the larger of the one-sided p-values at −margin and +margin', () => {
    // At −0.2: z = (0.1 + 0.2)/0.05 = 6; at +0.2: z = (0.2 − 0.1)/0.05 = 2.
    expect(zTest.pGreater(-0.2)).toBeCloseTo(tailAt6, 20);
    expect(tostPValue(zTest, 0.2)).toBeCloseTo(tailAt2, 14);
    // A margin the estimate lies outside of: at +0.05 the upper test has z = −1, p = Φ(1) > ½.
    expect(tostPValue(zTest, 0.05)).toBeGreaterThan(0.5);
  });

  it('non-inferiority is the one-sided p of "A − B ≥ margin" at +margin only', () => {
    expect(nonInferiorityPValue(zTest, 0.2)).toBeCloseTo(tailAt2, 14);
    // The lower test at −margin plays no part: with the estimate at −0.1 it would be P(Z ≥ 2), not 1 − that.
    const negative = locationInference({ method: 'wald', estimate: -0.1, standardError: 0.05 });
    expect(nonInferiorityPValue(negative, 0.0)).toBeCloseTo(tailAt2, 14);
    expect(nonInferiorityPValue(negative, -0.2)).toBeCloseTo(1 - tailAt2, 14);
  });
});
