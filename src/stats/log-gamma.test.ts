// ln Γ and ln C(n, k) against mpmath 1.3 at 40 digits, rounded to doubles
// (`float(mp.loggamma(mpf(x)))`, `float(mp.log(mp.binomial(n, k)))`), and the exact ends of ln C(n, k).
import { describe, expect, it } from 'vitest';
import { logBinomialCoefficient, logGamma } from './log-gamma.ts';

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.abs(expected)))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (relative ${Math.abs(actual - expected) / Math.abs(expected)})`,
    );
}

describe('logGamma', () => {
  it('matches mpmath on both sides of the reflection at ½ and for large x', () => {
    const reference: [number, number][] = [
      [1e-8, 18.42068073818021],
      [0.1, 2.252712651734206],
      [0.3, 1.0957979948180756],
      [0.49, 0.592249629335267],
      [0.5, 0.5723649429247001],
      [0.75, 0.20328095143129538],
      [1.5, -0.12078223763524522],
      [3, 0.6931471805599453],
      [7.25, 7.0521854507385395],
      [33.3, 82.60372358165495],
      [170.5, 704.0044277342047],
      [10000.5, 82104.32265412837],
      [2500000.0, 34329496.777633995],
    ];
    for (const [x, value] of reference) expectRelative(logGamma(x), value, 1e-13, `lgamma(${x})`);
  });
});

describe('logBinomialCoefficient', () => {
  it('matches mpmath', () => {
    const reference: [number, number, number][] = [
      [7, 3, 3.5553480614894135],
      [40, 20, 25.649406793250424],
      [1000, 17, 83.79001206558658],
      [100000, 50000, 69308.7357994094],
    ];
    for (const [n, k, value] of reference)
      expectRelative(logBinomialCoefficient(n, k), value, 1e-13, `ln C(${n}, ${k})`);
  });

  it('is exactly 0 at k = 0 and k = n, small n included (ln Γ(1) is not computed as exactly 0)', () => {
    for (const n of [1, 2, 5, 10]) {
      expect(logBinomialCoefficient(n, 0)).toBe(0);
      expect(logBinomialCoefficient(n, n)).toBe(0);
    }
  });

  it('is −∞ outside 0…n, also where ln Γ of the gap would be NaN (k = −2, k = n + 2)', () => {
    for (const k of [-2, -1, 11, 12]) expect(logBinomialCoefficient(10, k)).toBe(-Infinity);
  });
});
