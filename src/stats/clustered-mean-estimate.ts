import { normalQuantile } from './normal-distribution.ts';

export interface ClusteredEstimate {
  readonly value: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  readonly method: 'clustered';
  readonly standardError: number;
  /** Number of distinct clusters. */
  readonly clusters: number;
}

/**
 * Mean of per-item values with a cluster-robust standard error (Liang & Zeger 1986; for evals Miller 2024,
 * "Adding error bars to evals", §2.2): SE² = G/(G−1) · Σ_g (Σ_{i∈g} (yᵢ − ȳ))² / n², G clusters. Items that
 * share a cluster (the samples of one problem, the two turns of an MT-Bench question) are not counted as
 * independent. With one item per cluster it equals the ordinary s/√n (ddof 1). Same as statsmodels OLS on a
 * constant with `cov_type='cluster'`. `clusters[i]` names item i's cluster; omitted → every item is its own.
 * The interval is mean ± z·SE at `level` (default 0.95; the field keeps the name ci95). Fewer than two
 * clusters → SE NaN.
 */
export function clusteredMeanEstimate(
  values: readonly number[],
  options: { clusters?: readonly string[]; level?: number } = {},
): ClusteredEstimate {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const residualSums = new Map<string, number>();
  values.forEach((value, index) => {
    const cluster = options.clusters?.[index] ?? `#${index}`;
    // Stryker disable next-line ArithmeticOperator: subtracting from 0 gives each cluster's sum negated; only its square is used
    residualSums.set(cluster, (residualSums.get(cluster) ?? 0) + (value - mean));
  });
  const clusterCount = residualSums.size;
  let sumOfSquares = 0;
  for (const residual of residualSums.values()) sumOfSquares += residual * residual;
  const standardError =
    clusterCount < 2 ? Number.NaN : Math.sqrt((clusterCount / (clusterCount - 1)) * sumOfSquares) / n;
  const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
  return {
    // Stryker disable next-line ConditionalExpression: without items the mean is 0/0, NaN already; the guard only says so
    value: n === 0 ? Number.NaN : mean,
    ci95: [mean - z * standardError, mean + z * standardError],
    n,
    method: 'clustered',
    standardError,
    clusters: clusterCount,
  };
}
