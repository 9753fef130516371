import type { DifferenceInference } from './difference-inference.ts';
import { normalQuantile, normalSurvival } from './normal-distribution.ts';
import { studentTQuantile, studentTSurvival } from './student-t-distribution.ts';

/**
 * Inference for an estimate with a standard error: a z-test with the normal interval (`df` undefined), or a
 * t-test with the t interval (`df` degrees of freedom) — the paired t-test when the estimate is the mean of n
 * paired differences (df = n − 1). A zero standard error makes every p 0 or 1 by the side of the estimate
 * and the interval a point.
 */
export function locationInference(options: {
  method: string;
  estimate: number;
  standardError: number;
  df?: number;
}): DifferenceInference {
  const { estimate, standardError, df } = options;
  const scaled = (factor: number): DifferenceInference =>
    locationInference({
      method: options.method,
      estimate,
      standardError: standardError / Math.sqrt(factor),
      ...(df === undefined ? {} : { df: (df + 1) * factor - 1 }),
    });
  const usable = df === undefined || df > 0;
  const survival = (statistic: number): number =>
    df === undefined ? normalSurvival(statistic) : studentTSurvival(statistic, df);
  const pGreater = (delta0: number): number => {
    if (!usable || Number.isNaN(standardError)) return 1;
    if (standardError === 0) return estimate > delta0 ? 0 : 1;
    return survival((estimate - delta0) / standardError);
  };
  return {
    method: options.method,
    estimate,
    scaled,
    pGreater,
    pLess: (delta0) => {
      if (!usable || Number.isNaN(standardError)) return 1;
      if (standardError === 0) return estimate < delta0 ? 0 : 1;
      return survival((delta0 - estimate) / standardError);
    },
    interval(level: number): [number, number] {
      if (!usable || Number.isNaN(standardError)) return [-Infinity, Infinity];
      const quantile = 1 - (1 - level) / 2;
      const critical = df === undefined ? normalQuantile(quantile) : studentTQuantile(quantile, df);
      return [estimate - critical * standardError, estimate + critical * standardError];
    },
  };
}

/** Paired t-test on per-item differences (`scipy.stats.ttest_rel`; TOST as statsmodels `ttost_paired`). */
export function pairedTInference(differences: readonly number[]): DifferenceInference {
  const n = differences.length;
  const mean = n === 0 ? 0 : differences.reduce((sum, value) => sum + value, 0) / n;
  const variance =
    // Stryker disable next-line ConditionalExpression: below 2 differences the formula gives NaN too (0/0, or −0/−1 over n = 0)
    n < 2 ? Number.NaN : differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return locationInference({
    method: 'paired_t',
    estimate: mean,
    standardError: Math.sqrt(variance / n),
    df: n - 1,
  });
}

/**
 * Two independent proportions with the unpooled (Wald) standard error, for the test and the interval alike
 * (statsmodels `test_proportions_2indep`, `confint_proportions_2indep` and `tost_proportions_2indep`, all
 * with method='wald'). The only choice when just published figures are known.
 */
export function waldTwoProportionInference(options: {
  proportionA: number;
  nA: number;
  proportionB: number;
  nB: number;
}): DifferenceInference {
  const { proportionA, nA, proportionB, nB } = options;
  return locationInference({
    method: 'two_proportion_wald_unpaired',
    estimate: proportionA - proportionB,
    standardError: Math.sqrt((proportionA * (1 - proportionA)) / nA + (proportionB * (1 - proportionB)) / nB),
  });
}
