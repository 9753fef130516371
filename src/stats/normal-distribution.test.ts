// The standard normal distribution against mpmath 1.3 (independent arbitrary-precision code), rounded to doubles:
//
//   from mpmath import mp, mpf, ncdf, findroot, log, sqrt
//   mp.dps = 40
//   survival(z) = float(ncdf(-mpf(z)))          # P(Z > z), exact for the double z
//   mp.dps = 50; q = min(p, 1 − p) as mpf       # quantile: solved in log space so tiny tails converge
//   x = findroot(lambda x: log(ncdf(x)) - log(q), -sqrt(-2*log(q)), tol=mpf(10)**-45); quantile = ±x
//
// The tail function is checked to 1e-12 relative (its series loses up to ~7e-13 next to the switch to the continued
// fraction at z = 2.5·√2), the quantile to 2.5e-14 relative (near p = 0.999 it inherits ~2e-14 from the tail).
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSurvival, twoSidedNormalPValue } from './normal-distribution.ts';

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  const tolerance = relative * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tolerance))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (relative ${Math.abs(actual - expected) / Math.abs(expected)})`,
    );
}

/** [z, P(Z > z), P(Z ≤ z)] from mpmath. */
const tail: [number, number, number][] = [
  [1e-10, 0.49999999996010575, 0.5000000000398942],
  [0.01, 0.4960106436853684, 0.5039893563146316],
  [0.25, 0.4012936743170763, 0.5987063256829237],
  [0.7, 0.24196365222307303, 0.758036347776927],
  [1.3, 0.09680048458561033, 0.9031995154143897],
  [2.1, 0.017864420562816553, 0.9821355794371834],
  [2.9, 0.0018658133003840384, 0.998134186699616],
  [3.5, 0.00023262907903552504, 0.9997673709209645],
  [3.53, 0.00020777983348062144, 0.9997922201665194],
  [3.54, 0.00020006351600732018, 0.9997999364839927],
  [3.6, 0.00015910859015753383, 0.9998408914098424],
  [4.5, 3.3976731247300603e-6, 0.9999966023268753],
  [6.0, 9.86587645037698e-10, 0.9999999990134123],
  [9.0, 1.1285884059538405e-19, 1.0],
  [15.0, 3.670966199312751e-51, 1.0],
  [26.0, 2.4760633155033892e-149, 1.0],
  [37.5, 4.605353009581955e-308, 1.0],
];

/** [p, Φ⁻¹(p)] from mpmath. */
const quantiles: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965326],
  [1e-20, -9.262340089798407],
  [1e-5, -4.264890793922825],
  [0.0001, -3.7190164854556804],
  [0.01, -2.326347874040841],
  [0.02425, -1.972961051311885],
  [0.03, -1.8807936081512509],
  [0.05, -1.6448536269514726],
  [0.1, -1.2815515655446004],
  [0.2, -0.8416212335729142],
  [0.3, -0.5244005127080408],
  [0.4, -0.2533471031357997],
  [0.45, -0.12566134685507402],
  [0.49, -0.025068908258711057],
  [0.51, 0.025068908258711057],
  [0.6, 0.2533471031357997],
  [0.7, 0.5244005127080407],
  [0.9, 1.2815515655446006],
  [0.97, 1.8807936081512506],
  [0.97575, 1.972961051311885],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.9999999, 5.199337582290661],
  [0.999999999999, 7.0344869100478356],
];

describe('normal survival and distribution function', () => {
  it('match mpmath on both sides of the series/continued-fraction switch and far into the tail', () => {
    for (const [z, survival, cdf] of tail) {
      expectRelative(normalSurvival(z), survival, 1e-12, `sf(${z})`);
      expectRelative(normalCdf(-z), survival, 1e-12, `cdf(${-z})`);
      expectRelative(normalCdf(z), cdf, 1e-12, `cdf(${z})`);
      expectRelative(normalSurvival(-z), cdf, 1e-12, `sf(${-z})`);
      expectRelative(twoSidedNormalPValue(z), 2 * survival, 1e-12, `two-sided(${z})`);
      expectRelative(twoSidedNormalPValue(-z), 2 * survival, 1e-12, `two-sided(${-z})`);
    }
  });

  it('is ½ at 0, exact at the infinities and NaN for NaN', () => {
    expect(normalSurvival(0)).toBe(0.5);
    expect(normalCdf(0)).toBe(0.5);
    expect(twoSidedNormalPValue(0)).toBe(1);
    expect(normalSurvival(Infinity)).toBe(0);
    expect(normalSurvival(-Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalSurvival(Number.NaN)).toBeNaN();
  });
});

describe('normal quantile', () => {
  it('matches mpmath in both tails, at the region boundaries p = 0.02425 and 1 − 0.02425, and in the centre', () => {
    for (const [p, x] of quantiles) expectRelative(normalQuantile(p), x, 2.5e-14, `ppf(${p})`);
  });

  it('is 0 at ½, −∞ at 0, +∞ at 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });

  it('stays finite at the smallest double (mpmath: −38.467405617144344; p carries one bit there)', () => {
    expectRelative(normalQuantile(5e-324), -38.467405617144344, 1e-8, 'ppf(5e-324)');
    expectRelative(normalQuantile(1 - 2 ** -53), 8.209536151601387, 1e-8, 'ppf(1 − 2⁻⁵³)');
  });

  it('inverts the distribution function', () => {
    for (const p of [1e-15, 0.003, 0.02, 0.25, 0.5, 0.75, 0.98, 0.997]) {
      expectRelative(normalCdf(normalQuantile(p)), p, 1e-13, `cdf(ppf(${p}))`);
    }
  });
});
