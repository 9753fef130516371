import { describe, expect, it } from 'vitest';
import { nextArrivalGapMs } from './arrival-schedule.ts';
import { createLoadRandom } from './load-random.ts';

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), for the Gamma(1/2) CDF. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - poly * Math.exp(-x * x);
}

/** Gamma CDFs in closed form, scale 1: shape 1/2 (half a χ²₁), 1 (exponential), 4 (Erlang). */
const gammaCdf: Record<number, (y: number) => number> = {
  0.5: (y) => erf(Math.sqrt(y)),
  1: (y) => 1 - Math.exp(-y),
  4: (y) => 1 - Math.exp(-y) * (1 + y + (y * y) / 2 + (y * y * y) / 6),
};

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
function ksDistance(sample: readonly number[], cdf: (value: number) => number): number {
  const sorted = [...sample].sort((left, right) => left - right);
  let distance = 0;
  sorted.forEach((value, index) => {
    const expected = cdf(value);
    distance = Math.max(
      distance,
      Math.abs((index + 1) / sorted.length - expected),
      Math.abs(index / sorted.length - expected),
    );
  });
  return distance;
}

describe('createLoadRandom().gamma', () => {
  // n = 20,000 draws: the Kolmogorov–Smirnov critical distance at the 0.1% level is 1.95/√n ≈ 0.0138. A wrong
  // constant in Marsaglia–Tsang (c = 1/√(9d)), a wrong sign in the acceptance test or a skipped boost for shapes
  // below 1 moves the distribution by more than that.
  for (const shape of [0.5, 1, 4]) {
    it(`draws Gamma(${shape}, scale) by its closed-form distribution (KS distance < 0.0138)`, () => {
      const random = createLoadRandom(21);
      const scale = 0.25;
      const draws = Array.from({ length: 20_000 }, () => random.gamma(shape, scale));
      const cdf = gammaCdf[shape] as (y: number) => number;
      expect(ksDistance(draws, (value) => cdf(value / scale))).toBeLessThan(0.0138);
    });
  }
});

describe('createLoadRandom().integer', () => {
  it('draws every whole number below the bound about equally often, and nothing else', () => {
    const random = createLoadRandom(8);
    const counts = new Array<number>(5).fill(0);
    for (let draw = 0; draw < 5000; draw += 1) {
      const value = random.integer(5);
      expect(Number.isInteger(value) && value >= 0 && value < 5).toBe(true);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    // Each count is Binomial(5000, 1/5): mean 1000, sd 28; ±150 is more than five sd.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('nextArrivalGapMs at an infinite rate', () => {
  it('draws nothing from the seeded generator, so the rest of the seeded choices do not move', () => {
    const used = createLoadRandom(4);
    const fresh = createLoadRandom(4);
    expect(nextArrivalGapMs({ requestRate: Infinity, burstiness: 0.5, random: used })).toBe(0);
    expect(used.next()).toBe(fresh.next());
  });
});
