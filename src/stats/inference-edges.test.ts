// Edge cases of the estimates and tests: empty and degenerate inputs, zero standard errors, the clustered and
// proportion branches, the reflection formula of ln Γ, and sample sizes — each expectation worked out by hand or
// taken from SciPy (scipy.special.gammaln, scipy.stats.norm.ppf).
import { describe, expect, it } from 'vitest';
import { locationInference, pairedTInference } from './location-inference.ts';
import { logBinomialCoefficient, logGamma } from './log-gamma.ts';
import { hasSharedClusters, meanEstimate, sampleVariance } from './mean-estimate.ts';
import {
  independentDiscordance,
  pairedBinarySampleSize,
  pairedMeanSampleSize,
} from './paired-sample-size.ts';

describe('meanEstimate', () => {
  it('is NaN with method none for no values', () => {
    expect(meanEstimate([], { kind: 'graded' })).toEqual({
      value: Number.NaN,
      ci95: [Number.NaN, Number.NaN],
      n: 0,
      method: 'none',
    });
  });

  it('uses Wilson for proportions and mean ± 1.96·s/√n for graded scores without shared clusters', () => {
    expect(meanEstimate([1, 0, 1, 1], { kind: 'proportion', clusters: ['a', 'b', 'c', 'd'] }).method).toBe(
      'wilson',
    );
    const graded = meanEstimate([1, 2, 3, 4], { kind: 'graded' });
    // s² = 5/3, s/√4 = 0.6455; 1.959964 × 0.6455 = 1.26517.
    expect(graded.method).toBe('normal');
    expect(graded.value).toBe(2.5);
    expect(graded.ci95[0]).toBeCloseTo(2.5 - 1.959964 * Math.sqrt(5 / 3 / 4), 5);
    expect(graded.ci95[1]).toBeCloseTo(2.5 + 1.959964 * Math.sqrt(5 / 3 / 4), 5);
  });

  it('switches to the cluster-robust interval when a cluster holds several values, clipped to [0, 1] for proportions', () => {
    const values = [1, 1, 1, 1, 0, 1];
    const clusters = ['a', 'a', 'b', 'b', 'c', 'c'];
    const proportion = meanEstimate(values, { kind: 'proportion', clusters });
    expect(proportion.method).toBe('clustered');
    expect(proportion.clusters).toBe(3);
    expect(proportion.n).toBe(6);
    expect(proportion.value).toBeCloseTo(5 / 6, 12);
    expect(proportion.ci95[1]).toBe(1);
    expect(proportion.ci95[0]).toBeGreaterThanOrEqual(0);
    const graded = meanEstimate(values, { kind: 'graded', clusters, clusterMethod: 'turns' });
    expect(graded.method).toBe('turns');
    expect(graded.ci95[1]).toBeGreaterThan(1);
  });

  it('sample variance uses n − 1 and is 0 below two values; shared clusters need a repeated name', () => {
    expect(sampleVariance([2, 4, 6])).toBe(4);
    expect(sampleVariance([5])).toBe(0);
    expect(sampleVariance([])).toBe(0);
    expect(hasSharedClusters(undefined)).toBe(false);
    expect(hasSharedClusters(['a', 'b'])).toBe(false);
    expect(hasSharedClusters(['a', 'b', 'a'])).toBe(true);
  });
});

describe('locationInference', () => {
  it('with a zero standard error, every p is 0 or 1 by the side of the estimate', () => {
    const inference = locationInference({ method: 'm', estimate: 0.2, standardError: 0 });
    expect(inference.pGreater(0.1)).toBe(0);
    expect(inference.pGreater(0.2)).toBe(1);
    expect(inference.pGreater(0.3)).toBe(1);
    expect(inference.pLess(0.3)).toBe(0);
    expect(inference.pLess(0.2)).toBe(1);
    expect(inference.pLess(0.1)).toBe(1);
    expect(inference.interval(0.95)).toEqual([0.2, 0.2]);
  });

  it('is uninformative without degrees of freedom or with a NaN standard error', () => {
    for (const inference of [
      locationInference({ method: 'm', estimate: 1, standardError: 0.1, df: 0 }),
      locationInference({ method: 'm', estimate: 1, standardError: Number.NaN }),
      pairedTInference([0.5]),
    ]) {
      expect(inference.pGreater(0)).toBe(1);
      expect(inference.pLess(2)).toBe(1);
      expect(inference.interval(0.95)).toEqual([-Infinity, Infinity]);
    }
    expect(
      locationInference({ method: 'm', estimate: 1, standardError: 0.1, df: 0.5 }).pGreater(0),
    ).toBeLessThan(1);
  });

  it('scales like a sample `factor` times larger: standard error ÷ √factor, df + 1 times factor', () => {
    const t = locationInference({ method: 'paired_t', estimate: 1, standardError: 0.5, df: 4 });
    const scaled = t.scaled(4);
    expect(scaled.method).toBe('paired_t');
    // SE 0.25 and df (4 + 1) × 4 − 1 = 19: t(0.975; 19) = 2.093024.
    const [low, high] = scaled.interval(0.95);
    expect(high - 1).toBeCloseTo(2.093024 * 0.25, 5);
    expect(low).toBeCloseTo(1 - 2.093024 * 0.25, 5);
    const z = locationInference({ method: 'wald', estimate: 1, standardError: 0.5 }).scaled(4);
    expect(z.interval(0.95)[1] - 1).toBeCloseTo(1.959964 * 0.25, 5);
  });

  it('paired t: mean of the differences, the method named, and no interval for one pair', () => {
    const inference = pairedTInference([1, 2, 3]);
    expect(inference.method).toBe('paired_t');
    expect(inference.estimate).toBe(2);
    // s = 1, SE = 1/√3, t(0.975; 2) = 4.302653.
    expect(inference.interval(0.95)[1]).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5);
    expect(pairedTInference([]).estimate).toBe(0);
  });
});

describe('logGamma and logBinomialCoefficient', () => {
  it('uses the reflection formula below ½ (scipy.special.gammaln)', () => {
    const reference: [number, number][] = [
      [0.1, 2.252712651734206],
      [0.25, 1.2880225246980774],
      [0.4999, 0.5725613186041183],
      [1e-5, 11.512919692895826],
    ];
    for (const [x, value] of reference)
      expect(Math.abs(logGamma(x) - value)).toBeLessThan(1e-13 * Math.abs(value));
  });

  it('gives ln C(n, k), −∞ outside 0…n and 0 at the ends', () => {
    expect(logBinomialCoefficient(10, 3)).toBeCloseTo(Math.log(120), 12);
    expect(logBinomialCoefficient(10, -1)).toBe(-Infinity);
    expect(logBinomialCoefficient(10, 11)).toBe(-Infinity);
    expect(logBinomialCoefficient(10, 0)).toBe(0);
    expect(logBinomialCoefficient(10, 10)).toBe(0);
  });
});

describe('sample sizes', () => {
  it('Connor’s n for paired 0/1 scores, NaN outside its domain', () => {
    // (1.959964·√0.2 + 0.841621·√(0.2 − 0.0025))² / 0.0025 = 625.5… → 626.
    expect(pairedBinarySampleSize({ difference: 0.05, discordance: 0.2, power: 0.8, level: 0.05 })).toBe(626);
    expect(pairedBinarySampleSize({ difference: -0.05, discordance: 0.2, power: 0.8, level: 0.05 })).toBe(
      626,
    );
    const base = { power: 0.8, level: 0.05 };
    expect(pairedBinarySampleSize({ ...base, difference: 0, discordance: 0.2 })).toBeNaN();
    expect(pairedBinarySampleSize({ ...base, difference: 0.3, discordance: 0.2 })).toBeNaN();
    expect(pairedBinarySampleSize({ ...base, difference: 0.2, discordance: 0.2 })).not.toBeNaN();
    expect(pairedBinarySampleSize({ ...base, difference: 0.2, discordance: 1.2 })).toBeNaN();
    expect(pairedBinarySampleSize({ ...base, difference: 0.2, discordance: 1 })).not.toBeNaN();
  });

  it('paired means: ((z + z_power)·σ/δ)² rounded up', () => {
    // ((1.959964 + 0.841621) × 0.3 / 0.05)² = 282.6 → 283.
    expect(pairedMeanSampleSize({ difference: 0.05, differenceSd: 0.3, power: 0.8, level: 0.05 })).toBe(283);
    expect(pairedMeanSampleSize({ difference: 0, differenceSd: 0.3, power: 0.8, level: 0.05 })).toBeNaN();
    expect(pairedMeanSampleSize({ difference: 0.05, differenceSd: -1, power: 0.8, level: 0.05 })).toBeNaN();
    expect(pairedMeanSampleSize({ difference: 0.05, differenceSd: 0, power: 0.8, level: 0.05 })).toBe(0);
  });

  it('independent errors disagree with probability pA(1 − pB) + pB(1 − pA)', () => {
    expect(independentDiscordance({ accuracyA: 0.8, accuracyB: 0.6 })).toBeCloseTo(0.8 * 0.4 + 0.6 * 0.2, 12);
    expect(independentDiscordance({ accuracyA: 0.9, accuracyB: 0.5 })).toBeCloseTo(0.5, 12);
  });
});
