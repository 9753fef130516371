// Cluster-robust mean: SE² = G/(G−1) · Σ_g (Σ_{i∈g} (yᵢ − ȳ))² / n², worked out by hand below
// (z = scipy.stats.norm.ppf(0.975) = 1.959963984540054, norm.ppf(0.95) = 1.6448536269514722).
import { describe, expect, it } from 'vitest';
import { clusteredMeanEstimate } from './clustered-mean-estimate.ts';

describe('clusteredMeanEstimate', () => {
  it('sums the residuals within a cluster before squaring', () => {
    // mean 2; residual sums a: (1−2) + (4−2) = 1, b: (0−2) + (3−2) = −1; SE² = 2 · 2 / 16 = 1/4.
    const estimate = clusteredMeanEstimate([1, 4, 0, 3], { clusters: ['a', 'a', 'b', 'b'] });
    expect(estimate).toMatchObject({ value: 2, n: 4, method: 'clustered', clusters: 2 });
    expect(estimate.standardError).toBeCloseTo(0.5, 14);
    expect(estimate.ci95[0]).toBeCloseTo(2 - 1.959963984540054 * 0.5, 12);
    expect(estimate.ci95[1]).toBeCloseTo(2 + 1.959963984540054 * 0.5, 12);
  });

  it('uses z at the requested level', () => {
    const estimate = clusteredMeanEstimate([1, 4, 0, 3], { clusters: ['a', 'a', 'b', 'b'], level: 0.9 });
    expect(estimate.ci95[1]).toBeCloseTo(2 + 1.6448536269514722 * 0.5, 12);
  });

  it('has no standard error with one cluster, and no value without items', () => {
    const single = clusteredMeanEstimate([1, 0, 1], { clusters: ['a', 'a', 'a'] });
    expect(single.value).toBeCloseTo(2 / 3, 14);
    expect(single.standardError).toBeNaN();
    expect(single.ci95).toEqual([Number.NaN, Number.NaN]);
    expect(single.clusters).toBe(1);
    const empty = clusteredMeanEstimate([]);
    expect(empty.value).toBeNaN();
    expect(empty).toMatchObject({ n: 0, clusters: 0 });
  });
});
