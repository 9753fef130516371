import { describe, expect, it } from 'vitest';
import { mcnemarExactTest } from './mcnemar-exact-test.ts';

describe('mcnemarExactTest', () => {
  it('is 1 without discordant pairs, and 2·P(X ≤ 3) = 2·1351/2²⁰ for 3 against 17 (summed by hand)', () => {
    expect(mcnemarExactTest({ aOnly: 0, bOnly: 0 })).toEqual({ aOnly: 0, bOnly: 0, pValue: 1 });
    // C(20,0) + C(20,1) + C(20,2) + C(20,3) = 1 + 20 + 190 + 1140 = 1351.
    expect(mcnemarExactTest({ aOnly: 17, bOnly: 3 }).pValue).toBeCloseTo((2 * 1351) / 2 ** 20, 15);
  });

  it('sums only the terms that matter: a billion discordant pairs take a moment, not half a billion terms', () => {
    // python3 -c "from scipy.stats import binom; n=10**9-50000; print(2*binom.cdf(5*10**8-50000, n, 0.5))"
    // → 0.11384449059046708 (SciPy 1.17). ln Γ near 10⁹ carries ~1e-6 relative error, hence 5 decimals.
    const result = mcnemarExactTest({ aOnly: 5e8, bOnly: 5e8 - 50_000 });
    expect(result.pValue).toBeCloseTo(0.11384449059046708, 5);
  });
});
