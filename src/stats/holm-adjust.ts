/**
 * Holm's step-down adjustment (Holm 1979) of p-values from one family of tests, in the input order:
 * sort ascending, multiply the i-th smallest (0-based) by (m − i), carry the running maximum, cap at 1.
 * Rejecting where the adjusted p ≤ α keeps the family-wise error rate at α. Same as statsmodels
 * `multipletests(method='holm')`.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((pValue, index) => ({ pValue, index })).sort((x, y) => x.pValue - y.pValue);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below
  const adjusted = new Array<number>(count).fill(1);
  let runningMax = 0;
  order.forEach(({ pValue, index }, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (count - rank) * pValue));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * The level each test of a Holm family is effectively judged at: α/(m − r + 1) for the test of rank r
 * (1-based, ascending p), where r is capped at the rank at which Holm's procedure stopped. A test is rejected
 * by Holm exactly when its p ≤ its level, so an interval at 1 − level (or 1 − 2·level for a TOST) from a
 * method that inverts the same test agrees with the verdict (docs/statistics.md).
 */
export function holmLevels(pValues: readonly number[], alpha: number): number[] {
  const count = pValues.length;
  const order = pValues.map((pValue, index) => ({ pValue, index })).sort((x, y) => x.pValue - y.pValue);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below
  const levels = new Array<number>(count);
  let stopped: number | undefined;
  order.forEach(({ pValue, index }, rank) => {
    const level = alpha / (count - (stopped ?? rank));
    if (stopped === undefined && pValue > level) stopped = rank;
    levels[index] = alpha / (count - (stopped ?? rank));
  });
  return levels;
}
