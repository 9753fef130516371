import { describe, expect, it } from 'vitest';
import { nextArrivalGapMs } from './arrival-schedule.ts';
import { createLoadRandom } from './load-random.ts';

/** Gaps drawn with one seed; their moments are compared with Gamma(shape b, scale 1/(rate·b)) in closed form. */
function drawGaps(options: {
  requestRate: number;
  burstiness: number;
  count: number;
  seed: number;
}): number[] {
  const random = createLoadRandom(options.seed);
  return Array.from({ length: options.count }, () =>
    nextArrivalGapMs({ requestRate: options.requestRate, burstiness: options.burstiness, random }),
  );
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function coefficientOfVariation(values: readonly number[]): number {
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / average;
}

describe('nextArrivalGapMs', () => {
  // For Gamma(shape b, scale θ): mean bθ, coefficient of variation 1/√b. With θ = 1/(rate·b) seconds the mean
  // gap is 1000/rate ms for every b, and the spread grows as b falls (vLLM's --burstiness).
  const cases = [
    { requestRate: 20, burstiness: 1, meanMs: 50, cv: 1 },
    { requestRate: 20, burstiness: 0.25, meanMs: 50, cv: 2 },
    { requestRate: 4, burstiness: 4, meanMs: 250, cv: 0.5 },
  ];

  for (const { requestRate, burstiness, meanMs, cv } of cases) {
    it(`rate ${requestRate}/s, burstiness ${burstiness}: mean gap ${meanMs} ms, coefficient of variation ${cv}`, () => {
      const gaps = drawGaps({ requestRate, burstiness, count: 40_000, seed: 11 });
      // Standard error of the mean is cv/√n ≈ 1% of the mean at cv 2; 4% is four standard errors.
      expect(mean(gaps)).toBeGreaterThan(meanMs * 0.96);
      expect(mean(gaps)).toBeLessThan(meanMs * 1.04);
      expect(coefficientOfVariation(gaps)).toBeGreaterThan(cv * 0.93);
      expect(coefficientOfVariation(gaps)).toBeLessThan(cv * 1.07);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    });
  }

  it('sends everything at once at an infinite rate', () => {
    const random = createLoadRandom(3);
    expect(nextArrivalGapMs({ requestRate: Infinity, burstiness: 1, random })).toBe(0);
    expect(nextArrivalGapMs({ requestRate: Infinity, burstiness: 0.5, random })).toBe(0);
  });

  it('is the same sequence for the same seed', () => {
    const first = drawGaps({ requestRate: 10, burstiness: 0.5, count: 50, seed: 5 });
    expect(drawGaps({ requestRate: 10, burstiness: 0.5, count: 50, seed: 5 })).toEqual(first);
    expect(drawGaps({ requestRate: 10, burstiness: 0.5, count: 50, seed: 6 })).not.toEqual(first);
  });
});
