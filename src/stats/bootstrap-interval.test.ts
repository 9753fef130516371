// Percentiles as numpy.percentile (linear): python3 -c "import numpy as np; print(np.percentile([1, 2, 4], [0, 25, 100]))"
// → [1.  1.5 4. ] (numpy 2).
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, percentileOfSorted } from './bootstrap-interval.ts';

describe('percentileOfSorted', () => {
  it('interpolates linearly and reaches the last value at fraction 1', () => {
    expect(percentileOfSorted([1, 2, 4], 0)).toBe(1);
    expect(percentileOfSorted([1, 2, 4], 0.25)).toBe(1.5);
    expect(percentileOfSorted([1, 2, 4], 1)).toBe(4);
  });
});

describe('bootstrapInterval', () => {
  it('a constant statistic gives a point interval, and every resample has as many units as the data', () => {
    const sizes = new Set<number>();
    const result = bootstrapInterval({
      units: [3, 1, 2],
      statistic: (sample) => {
        sizes.add(sample.length);
        return 7;
      },
      resamples: 20,
    });
    expect(result).toEqual({ value: 7, ci: [7, 7], resamples: 20 });
    expect([...sizes]).toEqual([3]);
  });
});
