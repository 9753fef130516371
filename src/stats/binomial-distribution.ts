import { logBinomialCoefficient } from './log-gamma.ts';

/** ln P(X = k) for X ~ Binomial(n, p). */
export function binomialLogPmf(k: number, n: number, p: number): number {
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
  for (let index = start; index >= 0 && index <= n; index += step) {
    const relative = Math.exp(binomialLogPmf(index, n, p) - logFirst);
    sum += relative;
    if (relative < 1e-17 * sum) break;
  }
  return Math.min(1, Math.exp(logFirst) * sum);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p). Below the mode ⌊(n+1)p⌋ the tail is summed directly in log space (so tiny
 * tails keep their relative precision, down to ~1e-300); above it, 1 − P(X ≥ k + 1).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const mode = Math.floor((n + 1) * p);
  if (k < mode) return fallingTail(k, -1, n, p);
  return Math.max(0, 1 - binomialSurvival(k + 1, n, p));
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space above the mode. */
export function binomialSurvival(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const mode = Math.floor((n + 1) * p);
  if (k > mode) return fallingTail(k, 1, n, p);
  return Math.max(0, 1 - binomialCdf(k - 1, n, p));
}
