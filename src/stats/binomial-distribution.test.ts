// Binomial tails against exact rational sums (Python fractions: Σ C(n, i) pᶦ (1 − p)ⁿ⁻ⁱ with p as a fraction,
// rounded to a double once at the end), far tails included, and the Clopper–Pearson interval against SciPy's
// beta quantiles (statsmodels' `proportion_confint(method='beta')` is the same formula) and its closed forms at
// 0 and n successes.
import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialLogPmf, binomialSurvival } from './binomial-distribution.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.abs(expected)))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (|difference| ${Math.abs(actual - expected)})`,
    );
}

describe('binomial tails', () => {
  // [k, n, p, P(X ≤ k), P(X ≥ k)]
  const exact: [number, number, number, number, number][] = [
    [3, 10, 0.3, 0.6496107184, 0.6172172136],
    [7, 10, 0.3, 0.9984096136, 0.0105920784],
    [0, 20, 0.5, 9.5367431640625e-7, 1.0],
    [19, 20, 0.5, 0.9999990463256836, 2.002716064453125e-5],
    [10, 20, 0.5, 0.5880985260009766, 0.5880985260009766],
    [2, 1000, 0.3, 1.1551826579552092e-150, 1.0],
    [900, 1000, 0.5, 1.0, 6.701717790006296e-162],
    [50, 100, 0.01, 1.0, 6.165015712302919e-72],
    [60, 200, 0.3, 0.5348091761606988, 0.5266525406340705],
    [140, 200, 0.7, 0.5266525406340705, 0.5348091761606988],
    [5, 30, 0.9, 8.597636245e-21, 1.0],
    [29, 30, 0.1, 1.0, 2.71e-28],
  ];

  it('equal the exact sums, to 1e-12 relative in the far tails too', () => {
    for (const [k, n, p, cdf, survival] of exact) {
      expectRelative(binomialCdf(k, n, p), cdf, 1e-12, `P(X ≤ ${k}; ${n}, ${p})`);
      expectRelative(binomialSurvival(k, n, p), survival, 1e-12, `P(X ≥ ${k}; ${n}, ${p})`);
    }
  });

  it('are 0 and 1 outside the support', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(12, 10, 0.3)).toBe(1);
    expect(binomialSurvival(0, 10, 0.3)).toBe(1);
    expect(binomialSurvival(-2, 10, 0.3)).toBe(1);
    expect(binomialSurvival(11, 10, 0.3)).toBe(0);
  });

  it('sum each tail from its far end: no 0 × ∞ when the first term underflows (n = 2000)', () => {
    // P(X ≤ 1999) = P(X ≥ 1) = 1 − 2⁻²⁰⁰⁰, which is 1 as a double; P(X = 1999) = 2000 · 2⁻²⁰⁰⁰ underflows to 0, so a
    // sum started there, relative to that term, would be 0 · ∞.
    expect(binomialCdf(1999, 2000, 0.5)).toBe(1);
    expect(binomialSurvival(1, 2000, 0.5)).toBe(1);
    expect(binomialCdf(1500, 2000, 0.5)).toBe(1);
    expect(binomialSurvival(500, 2000, 0.5)).toBe(1);
  });

  it('handle p = 0 and p = 1: all the mass on 0 or on n', () => {
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialSurvival(1, 10, 0)).toBe(0);
    expect(binomialCdf(9, 10, 1)).toBe(0);
    expect(binomialSurvival(10, 10, 1)).toBe(1);
  });
});

describe('binomialLogPmf', () => {
  it('is ln C(n, k) + k ln p + (n − k) ln(1 − p)', () => {
    // C(10, 3) = 120: 120 × 0.3³ × 0.7⁷.
    expectRelative(binomialLogPmf(3, 10, 0.3), Math.log(120 * 0.3 ** 3 * 0.7 ** 7), 1e-13, 'ln P(X = 3)');
    expectRelative(binomialLogPmf(0, 4, 0.5), Math.log(1 / 16), 1e-13, 'ln P(X = 0)');
  });

  it('is −∞ outside the support and exact at the degenerate p', () => {
    expect(binomialLogPmf(-1, 10, 0.3)).toBe(-Infinity);
    expect(binomialLogPmf(11, 10, 0.3)).toBe(-Infinity);
    expect(binomialLogPmf(0, 10, 0)).toBe(0);
    expect(binomialLogPmf(1, 10, 0)).toBe(-Infinity);
    expect(binomialLogPmf(10, 10, 1)).toBe(0);
    expect(binomialLogPmf(9, 10, 1)).toBe(-Infinity);
  });
});

describe('clopperPearsonInterval', () => {
  // [successes, n, level, lower, upper]: scipy.stats.beta.ppf((1 − level)/2, s, n − s + 1) and
  // beta.ppf((1 + level)/2, s + 1, n − s).
  const reference: [number, number, number, number, number][] = [
    [1, 10, 0.95, 0.0025285785444617865, 0.4450161170281954],
    [5, 10, 0.95, 0.18708602844739855, 0.8129139715526015],
    [9, 10, 0.95, 0.5549838829718046, 0.9974714214555382],
    [17, 50, 0.9, 0.2295479615913422, 0.46529908106459805],
    [3, 1000, 0.99, 0.00033814452906649344, 0.01093377742040524],
    [500, 1000, 0.95, 0.468549172971792, 0.531450827028208],
  ];

  it('matches SciPy’s beta quantiles', () => {
    for (const [successes, n, level, lower, upper] of reference) {
      const [low, high] = clopperPearsonInterval({ successes, n, level });
      expectRelative(low, lower, 1e-10, `lower ${successes}/${n}`);
      expectRelative(high, upper, 1e-10, `upper ${successes}/${n}`);
    }
  });

  it('has the closed forms 1 − (α/2)^(1/n) above 0 successes and (α/2)^(1/n) below n, at 95% by default', () => {
    for (const n of [1, 10, 57]) {
      const [zeroLow, zeroHigh] = clopperPearsonInterval({ successes: 0, n });
      expect(zeroLow).toBe(0);
      expectRelative(zeroHigh, 1 - 0.025 ** (1 / n), 1e-12, `0/${n}`);
      const [allLow, allHigh] = clopperPearsonInterval({ successes: n, n });
      expectRelative(allLow, 0.025 ** (1 / n), 1e-12, `${n}/${n}`);
      expect(allHigh).toBe(1);
    }
  });

  it('is [0, 1] without items', () => {
    expect(clopperPearsonInterval({ successes: 0, n: 0 })).toEqual([0, 1]);
  });
});
