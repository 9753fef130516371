import { normalQuantile, twoSidedNormalPValue } from './normal-distribution.ts';

export interface TwoProportionResult {
  /** pA − pB. */
  readonly difference: number;
  /** Wald interval for pA − pB from the unpooled standard error. */
  readonly ci: readonly [number, number];
  /** z with the pooled standard error (the test's null: pA = pB). */
  readonly z: number;
  readonly pValue: number;
}

/**
 * Unpaired two-proportion z-test for independent samples — what is left when only published figures are
 * known. z = (pA − pB)/√(p̄(1−p̄)(1/nA + 1/nB)), p̄ = (pA·nA + pB·nB)/(nA + nB), two-sided; the interval
 * uses the unpooled standard error √(pA(1−pA)/nA + pB(1−pB)/nB). Same as statsmodels `proportions_ztest`
 * and `confint_proportions_2indep(method='wald')`. `level` is the interval's coverage (default 0.95).
 */
export function twoProportionZTest(options: {
  proportionA: number;
  nA: number;
  proportionB: number;
  nB: number;
  level?: number;
}): TwoProportionResult {
  const { proportionA, nA, proportionB, nB } = options;
  const difference = proportionA - proportionB;
  const pooled = (proportionA * nA + proportionB * nB) / (nA + nB);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const z =
    pooledSe === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / pooledSe;
  const se = Math.sqrt((proportionA * (1 - proportionA)) / nA + (proportionB * (1 - proportionB)) / nB);
  const zLevel = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
  return {
    difference,
    ci: [difference - zLevel * se, difference + zLevel * se],
    z,
    pValue: twoSidedNormalPValue(z),
  };
}
