// meanEstimate and sampleVariance against values worked out by hand and the Wilson interval from SciPy
// (scipy.stats.binomtest(3, 4).proportion_ci(method='wilson'), SciPy 1.17).
import { describe, expect, it } from 'vitest';
import { meanEstimate, sampleVariance } from './mean-estimate.ts';

describe('sampleVariance', () => {
  it('uses n − 1 from two values on', () => {
    // mean 2, squares 1 + 1, over n − 1 = 1.
    expect(sampleVariance([1, 3])).toBe(2);
  });
});

describe('meanEstimate', () => {
  it('gives the Wilson interval of the successes for proportions', () => {
    const estimate = meanEstimate([1, 0, 1, 1], { kind: 'proportion' });
    expect(estimate.ci95[0]).toBeCloseTo(0.30064184258240184, 12);
    expect(estimate.ci95[1]).toBeCloseTo(0.9544127391902995, 12);
  });

  it('keeps a clustered proportion interval whose low end is above 0 as it is, and clips the high end at 1', () => {
    // mean 5/6; cluster residual sums a: 1/3, b: 1/3, c: −2/3; SE² = 3/2 · (2/3) / 6² = 1/36.
    const estimate = meanEstimate([1, 1, 1, 1, 0, 1], {
      kind: 'proportion',
      clusters: ['a', 'a', 'b', 'b', 'c', 'c'],
    });
    expect(estimate.ci95[0]).toBeCloseTo(5 / 6 - 1.959963984540054 / 6, 12);
    expect(estimate.ci95[1]).toBe(1);
  });
});
