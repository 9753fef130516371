import type { Estimate } from '../spec/index.ts';
import { clusteredMeanEstimate } from './clustered-mean-estimate.ts';
import { wilsonInterval, Z_95 } from './wilson-interval.ts';

/** Sample variance with n − 1 in the denominator; 0 for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
}

/** True when some cluster name occurs more than once (the units are not independent). */
export function hasSharedClusters(clusters: readonly string[] | undefined): boolean {
  return clusters !== undefined && new Set(clusters).size < clusters.length;
}

/**
 * Mean of per-item scores with a 95% interval: Wilson for 0/1 scores (`kind: 'proportion'`), the normal
 * interval mean ± 1.96·s/√n otherwise. An empty list gives value NaN, interval [NaN, NaN], n 0.
 * With `clusters` (the cluster of each value) in which some cluster holds several values (the samples of one
 * item, the turns of one question), the cluster-robust interval of `clusteredMeanEstimate` instead, method
 * `clusterMethod` (default 'clustered'), `clusters` the number of clusters, clipped to [0, 1] for proportions.
 */
export function meanEstimate(
  values: readonly number[],
  options: { kind: 'proportion' | 'graded'; clusters?: readonly string[]; clusterMethod?: string },
): Estimate {
  const n = values.length;
  if (n === 0) return { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: 0, method: 'none' };
  if (hasSharedClusters(options.clusters)) {
    const clustered = clusteredMeanEstimate(values, options.clusters ? { clusters: options.clusters } : {});
    const [low, high] = clustered.ci95;
    const ci95: [number, number] =
      options.kind === 'proportion' ? [Math.max(0, low), Math.min(1, high)] : [low, high];
    return {
      value: clustered.value,
      ci95,
      n,
      method: options.clusterMethod ?? 'clustered',
      clusters: clustered.clusters,
    };
  }
  const sum = values.reduce((total, value) => total + value, 0);
  const mean = sum / n;
  if (options.kind === 'proportion') {
    return { value: mean, ci95: wilsonInterval({ successes: sum, n }), n, method: 'wilson' };
  }
  const halfWidth = Z_95 * Math.sqrt(sampleVariance(values) / n);
  return { value: mean, ci95: [mean - halfWidth, mean + halfWidth], n, method: 'normal' };
}
