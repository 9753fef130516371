// The exact McNemar inference away from δ₀ = 0 and its edges, against SciPy (binomial tails at the null split
// π₀ = (1 + δ₀·n/m)/2 and Clopper–Pearson bounds as beta quantiles, mapped to δ = (m/n)(2π − 1)):
//   python3 -c "from scipy.stats import binom, beta
//   print(binom.sf(6, 9, 2/3), binom.cdf(7, 9, 2/3), binom.sf(6, 9, 1/3), binom.cdf(7, 9, 1/3))
//   for a, b, q in [(7, 3, .025), (8, 2, .975), (7, 3, .05), (8, 2, .95), (14, 5, .025), (15, 4, .975)]:
//       print(0.3 * (2 * beta.ppf(q, a, b) - 1))"
import { describe, expect, it } from 'vitest';
import {
  mcnemarExactInference,
  tangoScoreInference,
  tangoScoreStatistic,
} from './paired-binary-inference.ts';

const close = (actual: number, expected: number, label: string): void => {
  if (!(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-15))
    expect.fail(`${label}: expected ${expected}, got ${actual}`);
};

describe('mcnemarExactInference', () => {
  // 7 items only A got right, 2 only B, of 30: m = 9, discordance 0.3.
  const counts = { aOnly: 7, bOnly: 2, n: 30 };

  it('estimate, method and the one-sided p-values at δ₀ ≠ 0 (binomial tails at π₀)', () => {
    const inference = mcnemarExactInference(counts);
    expect(inference.method).toBe('mcnemar_exact');
    close(inference.estimate, 5 / 30, 'estimate');
    // δ₀ = 0.1: π₀ = (1 + 0.1·30/9)/2 = 2/3.
    close(inference.pGreater(0.1), 0.3771782756693593, 'P(X ≥ 7 | 9, 2/3)');
    close(inference.pLess(0.1), 0.856932378194381, 'P(X ≤ 7 | 9, 2/3)');
    // δ₀ = −0.1: π₀ = 1/3.
    close(inference.pGreater(-0.1), 0.00828125793832241, 'P(X ≥ 7 | 9, 1/3)');
    close(inference.pLess(-0.1), 0.9990346999949195, 'P(X ≤ 7 | 9, 1/3)');
  });

  it('a δ₀ beyond the discordance puts π₀ at 0 or 1', () => {
    const inference = mcnemarExactInference(counts);
    // δ₀ = 0.5 > 0.3: π₀ clipped to 1, every discordant item favours A.
    expect(inference.pGreater(0.5)).toBe(1);
    expect(inference.pLess(0.5)).toBe(0);
    // δ₀ = −0.5: π₀ clipped to 0.
    expect(inference.pGreater(-0.5)).toBe(0);
    expect(inference.pLess(-0.5)).toBe(1);
    // At exactly δ₀ = ±0.3, π₀ is exactly 1 or 0 without clipping.
    expect(inference.pLess(0.3)).toBe(0);
    expect(inference.pGreater(-0.3)).toBe(0);
  });

  it('the interval is the Clopper–Pearson interval of the discordant split mapped to δ', () => {
    const inference = mcnemarExactInference(counts);
    const [low, high] = inference.interval(0.95);
    close(low, -0.0600561442297873, 'low 95%');
    close(high, 0.28311301591326105, 'high 95%');
    const [low90, high90] = inference.interval(0.9);
    close(low90, -0.02978498970396609, 'low 90%');
    close(high90, 0.27538609949580206, 'high 90%');
  });

  it('scaled: the counts twice over (14 and 4 of 60), and rounded for a fractional factor', () => {
    const scaled = mcnemarExactInference(counts).scaled(2);
    expect(scaled.method).toBe('mcnemar_exact');
    close(scaled.estimate, 10 / 60, 'estimate ×2');
    const [low, high] = scaled.interval(0.95);
    close(low, 0.014176340558111854, 'low ×2');
    close(high, 0.2615447713694001, 'high ×2');
    // ×1.5: 10.5 → 11, 3, 45 (Math.round takes halves up).
    close(mcnemarExactInference(counts).scaled(1.5).estimate, 8 / 45, 'estimate ×1.5');
    close(mcnemarExactInference({ aOnly: 1, bOnly: 3, n: 10 }).scaled(2.5).estimate, -5 / 25, '×2.5');
  });

  it('with no discordant item: estimate 0, p = 1 on both sides, interval [0, 0]; no item at all: estimate 0', () => {
    const none = mcnemarExactInference({ aOnly: 0, bOnly: 0, n: 12 });
    expect(none.estimate).toBe(0);
    expect(none.pGreater(0.1)).toBe(1);
    expect(none.pLess(-0.1)).toBe(1);
    expect(none.interval(0.95)).toEqual([0, 0]);
    expect(mcnemarExactInference({ aOnly: 0, bOnly: 0, n: 0 }).estimate).toBe(0);
  });
});

// Tango's score test with the restricted maximum-likelihood estimate found numerically (not the closed form),
// as in scripts/stats-fixtures/compute-reference-values.py (`tango_statistic`, `tango_interval`):
//   z = tango_statistic(7, 2, 30, 0.05) → 1.2017181733384188; norm.sf(z) 0.11473636880325883,
//   norm.cdf(z) 0.8852636311967412; tango_interval(7, 2, 30, .95) → [-0.033733228185462476, 0.36329604651641767],
//   tango_interval(14, 4, 60, .95) → [0.030689083398395014, 0.3039795112548259],
//   tango_interval(11, 3, 45, .95) → [0.01647772549827218, 0.3382696726779919].
describe('tangoScoreInference', () => {
  const counts = { aOnly: 7, bOnly: 2, n: 30 };
  const near = (actual: number, expected: number, label: string): void => {
    if (!(Math.abs(actual - expected) <= 1e-7 * Math.abs(expected) + 1e-12))
      expect.fail(`${label}: expected ${expected}, got ${actual}`);
  };

  it('estimate, method, the one-sided p-values at δ₀ = 0.05 and the interval', () => {
    const inference = tangoScoreInference(counts);
    expect(inference.method).toBe('tango_score');
    close(inference.estimate, 5 / 30, 'estimate');
    near(tangoScoreStatistic(counts, 0.05), 1.2017181733384188, 'z');
    near(inference.pGreater(0.05), 0.11473636880325883, 'pGreater');
    near(inference.pLess(0.05), 0.8852636311967412, 'pLess');
    const [low, high] = inference.interval(0.95);
    near(low, -0.033733228185462476, 'low');
    near(high, 0.36329604651641767, 'high');
  });

  it('scaled: the counts twice over, and rounded for a fractional factor', () => {
    const scaled = tangoScoreInference(counts).scaled(2);
    expect(scaled.method).toBe('tango_score');
    close(scaled.estimate, 10 / 60, 'estimate ×2');
    const [low, high] = scaled.interval(0.95);
    near(low, 0.030689083398395014, 'low ×2');
    near(high, 0.3039795112548259, 'high ×2');
    const [lowThird, highThird] = tangoScoreInference(counts).scaled(1.5).interval(0.95);
    near(lowThird, 0.01647772549827218, 'low ×1.5 (11, 3 of 45)');
    near(highThird, 0.3382696726779919, 'high ×1.5');
  });

  it('with no item: estimate 0 and the whole range [−1, 1] as interval', () => {
    const none = tangoScoreInference({ aOnly: 0, bOnly: 0, n: 0 });
    expect(none.estimate).toBe(0);
    expect(none.interval(0.95)).toEqual([-1, 1]);
  });

  it('the statistic is ±∞ where the null leaves no variance and the data contradict it, 0 where they agree', () => {
    // δ₀ = 1 says every item is A-only; 3 A-only and 1 B-only of 10 contradict it: z = −∞.
    expect(tangoScoreStatistic({ aOnly: 3, bOnly: 1, n: 10 }, 1)).toBe(-Infinity);
    // δ₀ = −1 (every item B-only) likewise: z = +∞.
    expect(tangoScoreStatistic({ aOnly: 3, bOnly: 1, n: 10 }, -1)).toBe(Infinity);
    // 10 A-only of 10 is exactly what δ₀ = 1 says: z = 0.
    expect(tangoScoreStatistic({ aOnly: 10, bOnly: 0, n: 10 }, 1)).toBe(0);
  });
});
