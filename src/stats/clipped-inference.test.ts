// Intervals clipped to the range a difference of proportions can take, around a z-test whose interval is
// estimate ± z₀.₉₇₅·SE with z₀.₉₇₅ = 1.959963984540054 (scipy.stats.norm.ppf(0.975)); the figures below are
//   python3 -c "from scipy.stats import norm; z = norm.ppf(0.975); print(0.9 - z*0.1, 0.9 + z*0.1,
//               -0.95 + z*0.1, 0.95 - z*0.05)"
//   → 0.7040036015459946 1.0959963984540053 -0.7540036015459946 0.8520018007729973
import { describe, expect, it } from 'vitest';
import { clippedInference, intervalClipped } from './clipped-inference.ts';
import { locationInference } from './location-inference.ts';

const range = [-1, 1] as const;
const zTest = (estimate: number, standardError: number) =>
  locationInference({ method: 'wald', estimate, standardError });

describe('clippedInference', () => {
  it('clips the upper end past +1 and keeps the lower end', () => {
    const clipped = clippedInference(zTest(0.9, 0.1), range);
    const [low, high] = clipped.interval(0.95);
    expect(low).toBeCloseTo(0.7040036015459946, 14);
    expect(high).toBe(1);
    const [rawLow, rawHigh] = clipped.unclippedInterval(0.95);
    expect(rawLow).toBeCloseTo(0.7040036015459946, 14);
    expect(rawHigh).toBeCloseTo(1.0959963984540053, 14);
    expect(intervalClipped(clipped, 0.95)).toBe(true);
    // At 50% (z = 0.6745) the interval 0.9 ± 0.067 fits: nothing is clipped.
    expect(intervalClipped(clipped, 0.5)).toBe(false);
  });

  it('clips the lower end past −1 and keeps the upper end', () => {
    const clipped = clippedInference(zTest(-0.95, 0.1), range);
    const [low, high] = clipped.interval(0.95);
    expect(low).toBe(-1);
    expect(high).toBeCloseTo(-0.7540036015459946, 14);
    expect(intervalClipped(clipped, 0.95)).toBe(true);
  });

  it('clips both ends, and an interval wholly outside the range to the nearer end', () => {
    expect(clippedInference(zTest(0, 1), range).interval(0.95)).toEqual([-1, 1]);
    expect(clippedInference(zTest(3, 0.1), range).interval(0.95)).toEqual([1, 1]);
    expect(clippedInference(zTest(-3, 0.1), range).interval(0.95)).toEqual([-1, -1]);
    // A narrower range of its own: [0, 0.5].
    expect(clippedInference(zTest(0.2, 0.2), [0, 0.5]).interval(0.95)).toEqual([0, 0.5]);
  });

  it('passes the method, estimate and p-values through unchanged', () => {
    const inner = zTest(0.9, 0.1);
    const clipped = clippedInference(inner, range);
    expect(clipped.method).toBe('wald');
    expect(clipped.estimate).toBe(0.9);
    expect(clipped.range).toEqual([-1, 1]);
    for (const delta0 of [-0.5, 0.8, 0.95, 1.2]) {
      expect(clipped.pGreater(delta0)).toBe(inner.pGreater(delta0));
      expect(clipped.pLess(delta0)).toBe(inner.pLess(delta0));
    }
    // z = (0.9 − 1)/0.1 = −1: P(Z ≥ −1) = 0.8413447460685429 (scipy.stats.norm.sf(-1)).
    expect(clipped.pGreater(1)).toBeCloseTo(0.8413447460685429, 14);
  });

  it('scaled keeps the clipping: 4 times the items halve the standard error', () => {
    const scaled = clippedInference(zTest(0.95, 0.1), range).scaled(4);
    const [low, high] = scaled.interval(0.95);
    expect(low).toBeCloseTo(0.8520018007729973, 14);
    expect(high).toBe(1);
    expect(intervalClipped(scaled, 0.95)).toBe(true);
    expect(scaled.method).toBe('wald');
  });
});

describe('intervalClipped', () => {
  it('is false for a test that never clips, even when its interval leaves the range', () => {
    expect(intervalClipped(zTest(0.9, 0.1), 0.95)).toBe(false);
  });

  it('is false for an interval that ends exactly on the range', () => {
    // A zero standard error: the interval is the point estimate.
    expect(intervalClipped(clippedInference(zTest(-1, 0), range), 0.95)).toBe(false);
    expect(intervalClipped(clippedInference(zTest(1, 0), range), 0.95)).toBe(false);
    expect(intervalClipped(clippedInference(zTest(0.5, 0), range), 0.95)).toBe(false);
  });
});
