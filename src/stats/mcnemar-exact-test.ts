import { logBinomialCoefficient } from './log-gamma.ts';

export interface McNemarResult {
  /** Items right in A and wrong in B. */
  readonly aOnly: number;
  /** Items right in B and wrong in A. */
  readonly bOnly: number;
  /** Two-sided exact p-value. 1 when there is no discordant pair. */
  readonly pValue: number;
}

/**
 * Exact McNemar test for paired 0/1 outcomes (McNemar 1947; exact form as in statsmodels
 * `mcnemar(table, exact=True)`): under "no difference" each of the m = aOnly + bOnly discordant pairs is
 * equally likely to go either way, so p = min(1, 2·P(X ≤ min(aOnly, bOnly))) with X ~ Binomial(m, ½).
 * Summed in log space, so p-values down to ~1e-300 keep their relative precision.
 */
export function mcnemarExactTest(counts: { aOnly: number; bOnly: number }): McNemarResult {
  const { aOnly, bOnly } = counts;
  const total = aOnly + bOnly;
  const smaller = Math.min(aOnly, bOnly);
  // Stryker disable next-line ConditionalExpression: without the guard total 0 sums C(0,0)·2⁰ = 1 and gives min(1, 2) = 1 too
  if (total === 0) return { aOnly, bOnly, pValue: 1 };
  // Terms grow with i up to total/2 ≥ smaller, so the last term is the largest: sum relative to it.
  const logLargest = logBinomialCoefficient(total, smaller);
  let relativeSum = 0;
  for (let index = smaller; index >= 0; index -= 1) {
    const relative = Math.exp(logBinomialCoefficient(total, index) - logLargest);
    relativeSum += relative;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: the stop only moves by terms below 1e-18 of the sum, under double rounding
    if (relative < 1e-18 * relativeSum) break;
  }
  const logTail = logLargest + Math.log(relativeSum) - total * Math.LN2;
  return { aOnly, bOnly, pValue: Math.min(1, 2 * Math.exp(logTail)) };
}
