/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `successes / n` (Wilson 1927). Unlike the normal interval it
 * stays inside [0, 1] and is sensible at 0% and 100%. n = 0 gives [0, 1].
 */
export function wilsonInterval(options: { successes: number; n: number; z?: number }): [number, number] {
  const { successes, n } = options;
  const z = options.z ?? Z_95;
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}
