import { clusteredMeanEstimate } from './clustered-mean-estimate.ts';
import { normalQuantile } from './normal-distribution.ts';
import { sampleVariance } from './mean-estimate.ts';

export interface PairedDifference {
  /** Mean of aᵢ − bᵢ (micro), or the mean over groups of each group's mean difference (macro). */
  readonly value: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
  /** Pairs used. */
  readonly n: number;
}

/**
 * Paired difference A − B over items both runs scored, with a normal interval at `level` (default 0.95).
 * `aggregate: 'mean'`: mean of dᵢ = aᵢ − bᵢ, cluster-robust SE over `clusters` (default: every item its own,
 * i.e. s_d/√n) — far narrower than √(SE_A² + SE_B²) when the two models find the same items hard.
 * `aggregate: 'group-mean'` (macro averages such as MMLU accuracy_macro): Σ_g d̄_g / G with the stratified
 * SE² = Σ_g s²_{d,g}/n_g / G² (ddof 1) over `groups`.
 */
export function pairedDifference(options: {
  a: readonly number[];
  b: readonly number[];
  aggregate?: 'mean' | 'group-mean';
  clusters?: readonly string[];
  groups?: readonly string[];
  /** With 'group-mean': each group's weight (absent groups weigh 1), as `MetricSpec.groupWeights`. */
  weights?: Readonly<Record<string, number>>;
  level?: number;
}): PairedDifference {
  const differences = options.a.map((value, index) => value - (options.b[index] ?? Number.NaN));
  const n = differences.length;
  if (options.aggregate === 'group-mean') {
    const byGroup = new Map<string, number[]>();
    differences.forEach((difference, index) => {
      const group = options.groups?.[index] ?? '';
      let list = byGroup.get(group);
      if (!list) byGroup.set(group, (list = []));
      list.push(difference);
    });
    let sumOfMeans = 0;
    let sumOfVariances = 0;
    let sumOfWeights = 0;
    for (const [group, list] of byGroup) {
      const weight = options.weights?.[group] ?? 1;
      sumOfWeights += weight;
      sumOfMeans += (weight * list.reduce((sum, value) => sum + value, 0)) / list.length;
      sumOfVariances += (weight * weight * sampleVariance(list)) / list.length;
    }
    const value = sumOfMeans / sumOfWeights;
    const standardError = Math.sqrt(sumOfVariances) / sumOfWeights;
    const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
    return { value, ci95: [value - z * standardError, value + z * standardError], standardError, n };
  }
  const estimate = clusteredMeanEstimate(differences, {
    ...(options.clusters ? { clusters: options.clusters } : {}),
    // Stryker disable next-line ConditionalExpression: { level: undefined } falls back to 0.95 like {}
    ...(options.level === undefined ? {} : { level: options.level }),
  });
  return { value: estimate.value, ci95: estimate.ci95, standardError: estimate.standardError, n };
}
