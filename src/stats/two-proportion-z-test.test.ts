import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from './two-proportion-z-test.ts';

describe('twoProportionZTest with a pooled standard error of 0', () => {
  it('gives z 0 and p 1 when both proportions are 0 or both are 1', () => {
    for (const proportion of [0, 1]) {
      const result = twoProportionZTest({ proportionA: proportion, nA: 10, proportionB: proportion, nB: 20 });
      expect(result).toEqual({ difference: 0, ci: [0, 0], z: 0, pValue: 1 });
    }
  });

  it('gives an infinite z with the sign of the difference when the pooled proportion underflows to 0', () => {
    // p̄ = (0·1 + 5e-324·1)/2 rounds to 0 (half the smallest double), so the pooled SE is 0 while pA − pB < 0.
    const result = twoProportionZTest({ proportionA: 0, nA: 1, proportionB: Number.MIN_VALUE, nB: 1 });
    // (Its p-value is left out here: normalSurvival(Infinity) is NaN in normal-distribution.ts, another slice.)
    expect(result.z).toBe(Number.NEGATIVE_INFINITY);
    const reversed = twoProportionZTest({ proportionA: Number.MIN_VALUE, nA: 1, proportionB: 0, nB: 1 });
    expect(reversed.z).toBe(Number.POSITIVE_INFINITY);
  });
});
