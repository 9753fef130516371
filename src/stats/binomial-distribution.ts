import { logBinomialCoefficient } from './log-gamma.ts';

/** ln P(X = k) for X ~ Binomial(n, p). */
export function binomialLogPmf(k: number, n: number, p: number): number {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: logBinomialCoefficient is −∞ outside 0…n as well, and the other terms are finite
  if (k < 0 || k > n) return -Infinity;
  if (p <= 0) return k === 0 ? 0 : -Infinity;
  if (p >= 1) return k === n ? 0 : -Infinity;
  return logBinomialCoefficient(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Sums P(X = i) from `start` in steps of `step` while the terms fall (they do, away from the mode). */
function fallingTail(start: number, step: 1 | -1, n: number, p: number): number {
  const logFirst = binomialLogPmf(start, n, p);
  if (logFirst === -Infinity) return 0;
  let sum = 0;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: past 0 or n the term is exp(−∞) = 0, which ends the sum below anyway
  for (let index = start; index >= 0 && index <= n; index += step) {
    const relative = Math.exp(binomialLogPmf(index, n, p) - logFirst);
    sum += relative;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: summing on adds terms below 1e-17 of the sum, falling geometrically (precision only)
    if (relative < 1e-17 * sum) break;
  }
  return Math.min(1, Math.exp(logFirst) * sum);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p). Below the mode ⌊(n+1)p⌋ the tail is summed directly in log space (so tiny
 * tails keep their relative precision, down to ~1e-300); above it, 1 − P(X ≥ k + 1).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  // Stryker disable next-line ConditionalExpression: k < 0 sums from P(X = k) = 0 and gives 0 too
  if (k < 0) return 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: k ≥ n gives 1 − P(X ≥ n + 1) = 1 (or the whole sum, 1, when p = 1)
  if (k >= n) return 1;
  const mode = Math.floor((n + 1) * p);
  // Stryker disable next-line EqualityOperator: at k = mode both ways sum from the largest term (precision only)
  if (k < mode) return fallingTail(k, -1, n, p);
  return Math.max(0, 1 - binomialSurvival(k + 1, n, p));
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space above the mode. */
export function binomialSurvival(k: number, n: number, p: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: k ≤ 0 gives 1 − P(X ≤ k − 1) = 1 − 0 too
  if (k <= 0) return 1;
  // Stryker disable next-line ConditionalExpression: k > n sums from P(X = k) = 0 and gives 0 too
  if (k > n) return 0;
  // Stryker disable next-line ArithmeticOperator: (n − 1)·p moves the switch by at most one count, where both ways are accurate (precision only)
  const mode = Math.floor((n + 1) * p);
  // Stryker disable next-line EqualityOperator: at k = mode both ways sum from the largest term (precision only)
  if (k > mode) return fallingTail(k, 1, n, p);
  return Math.max(0, 1 - binomialCdf(k - 1, n, p));
}
