import type { Estimate } from '../spec/index.ts';
import { clusteredMeanEstimate } from './clustered-mean-estimate.ts';
import { hasSharedClusters, sampleVariance } from './mean-estimate.ts';
import { Z_95 } from './wilson-interval.ts';

/** p̃(1−p̃)/(n+4) with p̃ = (p·n+2)/(n+4): the Agresti–Coull variance of a proportion p over n units. */
function agrestiCoullVariance(proportion: number, units: number): number {
  const adjusted = (proportion * units + 2) / (units + 4);
  return (adjusted * (1 - adjusted)) / (units + 4);
}

/**
 * Macro average: the mean over groups of each group's mean score, with a normal 95% interval from
 * Var = (1/G²) Σ_g Var_g / n_g, where Var_g is the sample variance for graded scores and, for proportions,
 * the Agresti–Coull variance p̃(1−p̃)/(n_g+4) with p̃ = (x+2)/(n_g+4), so that groups at 0% or 100% still add
 * their uncertainty. Groups with no scored items are left out. Proportion intervals are clipped to [0, 1].
 * `n` is the number of scored items over all groups.
 * With `clusters` (per group, the cluster of each value) a group whose values share clusters (several samples
 * of one item) adds its cluster-robust variance SE_g² (`clusteredMeanEstimate`) instead; `clusters` in the
 * result is then the number of clusters over all groups.
 */
export function groupMeanEstimate(
  groups: ReadonlyMap<string, readonly number[]>,
  options: {
    kind: 'proportion' | 'graded';
    clusters?: ReadonlyMap<string, readonly string[]>;
    /** Weight of each group in the mean (absent groups weigh 1): Σ w_g·mean_g / Σ w_g, Var = Σ w_g²·Var_g / (Σ w_g)². */
    weights?: Readonly<Record<string, number>>;
  },
): Estimate {
  const scored = [...groups].filter(([, values]) => values.length > 0);
  if (scored.length === 0) return { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: 0, method: 'none' };
  let sumOfMeans = 0;
  let sumOfVariances = 0;
  let sumOfWeights = 0;
  let n = 0;
  let clustered = false;
  let clusterCount = 0;
  for (const [group, values] of scored) {
    const mean = values.reduce((total, value) => total + value, 0) / values.length;
    const weight = options.weights?.[group] ?? 1;
    sumOfWeights += weight;
    sumOfMeans += weight * mean;
    const varianceBefore = sumOfVariances;
    const clusters = options.clusters?.get(group);
    clusterCount += clusters ? new Set(clusters).size : values.length;
    if (clusters && hasSharedClusters(clusters)) {
      clustered = true;
      const estimate = clusteredMeanEstimate(values, { clusters });
      // One cluster only (one item's samples): no between-cluster variance to estimate; a proportion still
      // adds the Agresti–Coull variance of a single unit, a graded score leaves the interval undefined.
      sumOfVariances +=
        estimate.clusters >= 2
          ? estimate.standardError ** 2
          : options.kind === 'proportion'
            ? agrestiCoullVariance(mean, estimate.clusters)
            : Number.NaN;
    } else if (options.kind === 'proportion') {
      sumOfVariances += agrestiCoullVariance(mean, values.length);
    } else {
      sumOfVariances += sampleVariance(values) / values.length;
    }
    sumOfVariances = varianceBefore + weight * weight * (sumOfVariances - varianceBefore);
    n += values.length;
  }
  const value = sumOfMeans / sumOfWeights;
  const halfWidth = (Z_95 * Math.sqrt(sumOfVariances)) / sumOfWeights;
  let low = value - halfWidth;
  let high = value + halfWidth;
  if (options.kind === 'proportion') {
    low = Math.max(0, low);
    high = Math.min(1, high);
  }
  return {
    value,
    ci95: [low, high],
    n,
    method: 'normal-group-mean',
    ...(clustered ? { clusters: clusterCount } : {}),
  };
}
