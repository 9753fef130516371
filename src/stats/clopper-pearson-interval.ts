import { binomialCdf, binomialSurvival } from './binomial-distribution.ts';

/** Solves f(x) = target for f increasing in x on [0, 1], by bisection to machine precision. */
function solveIncreasing(f: (x: number) => number, target: number): number {
  let low = 0;
  let high = 1;
  // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator,ArithmeticOperator,AssignmentOperator: every variant only bisects past the 1e-15 width (or the 100 steps, never met): more digits, no other change
  for (let step = 0; step < 100 && high - low > 1e-15; step += 1) {
    const middle = (low + high) / 2;
    // Stryker disable next-line EqualityOperator: a tie means middle is the root; either half keeps it
    if (f(middle) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * Clopper–Pearson ("exact") interval for a binomial proportion `successes / n` at `level` (default 0.95):
 * the lower bound is the π with P(X ≥ successes | π) = (1 − level)/2, the upper the π with
 * P(X ≤ successes | π) = (1 − level)/2 (0 and 1 at the edges). It is the inversion of the two-sided exact
 * binomial test that doubles the smaller tail — so it excludes π₀ exactly when that test rejects π₀.
 * Same as statsmodels `proportion_confint(method='beta')`. n = 0 gives [0, 1].
 */
export function clopperPearsonInterval(options: {
  successes: number;
  n: number;
  level?: number;
}): [number, number] {
  const { successes, n } = options;
  const tail = (1 - (options.level ?? 0.95)) / 2;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no items (successes 0) the edge cases below give [0, 1] too
  if (n <= 0) return [0, 1];
  const lower = successes <= 0 ? 0 : solveIncreasing((p) => binomialSurvival(successes, n, p), tail);
  const upper = successes >= n ? 1 : solveIncreasing((p) => 1 - binomialCdf(successes, n, p), 1 - tail);
  return [lower, upper];
}
