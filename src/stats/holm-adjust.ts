/**
 * Holm's step-down adjustment (Holm 1979) of p-values from one family of tests, in the input order:
 * sort ascending, multiply the i-th smallest (0-based) by (m − i), carry the running maximum, cap at 1.
 * Rejecting where the adjusted p ≤ α keeps the family-wise error rate at α. Same as statsmodels
 * `multipletests(method='holm')`.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((pValue, index) => ({ pValue, index })).sort((x, y) => x.pValue - y.pValue);
  const adjusted = new Array<number>(count).fill(1);
  let runningMax = 0;
  order.forEach(({ pValue, index }, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (count - rank) * pValue));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
