import { describe, expect, it } from 'vitest';
import { latencyStats, quantile } from './latency-stats.ts';

describe('quantile', () => {
  it('interpolates linearly between closest ranks like numpy.percentile', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 50, 90, 99, 100]) → [1, 2.5, 3.7, 3.97, 4]
    const values = [1, 2, 3, 4];
    expect([0, 0.5, 0.9, 0.99, 1].map((fraction) => quantile(values, fraction))).toEqual([
      1,
      2.5,
      expect.closeTo(3.7, 12),
      expect.closeTo(3.97, 12),
      4,
    ]);
  });

  it('is undefined for no values and the value itself for one', () => {
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantile([7], 0.99)).toBe(7);
  });
});

describe('latencyStats', () => {
  it('summarizes unsorted values with a population standard deviation', () => {
    // numpy: mean 25, std 11.1803…, median 25, p90 37, p95 38.5, p99 39.7
    expect(latencyStats([40, 10, 30, 20])).toEqual({
      count: 4,
      mean: 25,
      std: expect.closeTo(Math.sqrt(125), 12),
      median: 25,
      p90: expect.closeTo(37, 12),
      p95: expect.closeTo(38.5, 12),
      p99: expect.closeTo(39.7, 12),
    });
  });

  it('has only a count when there are no samples', () => {
    expect(latencyStats([])).toEqual({ count: 0 });
  });
});
