// Exact McNemar power and critical counts against brute force written here: every outcome (items only A gets
// right, items only B gets right) of n paired items is enumerated with its trinomial probability, and the
// two-sided exact test (statsmodels `mcnemar(exact=True)`: p = min(1, 2·P(Binomial(m, ½) ≤ min(a, b)))) is run
// on each. Critical counts are checked with exact integer arithmetic.
import { describe, expect, it } from 'vitest';
import { mcnemarCriticalCount, mcnemarExactPower } from './mcnemar-exact-power.ts';

function logFactorialTable(n: number): number[] {
  const table = [0];
  for (let k = 1; k <= n; k += 1) table.push((table[k - 1] ?? 0) + Math.log(k));
  return table;
}

/** For each m ≤ n, P(Binomial(m, ½) ≤ k) for k = 0…m, by direct summation of the pmf. */
function halfBinomialCdfs(n: number): number[][] {
  const logFactorial = logFactorialTable(n);
  const rows: number[][] = [];
  for (let m = 0; m <= n; m += 1) {
    const row: number[] = [];
    let sum = 0;
    for (let k = 0; k <= m; k += 1) {
      sum += Math.exp(
        (logFactorial[m] ?? 0) - (logFactorial[k] ?? 0) - (logFactorial[m - k] ?? 0) - m * Math.LN2,
      );
      row.push(sum);
    }
    rows.push(row);
  }
  return rows;
}

function bruteForcePower(n: number, discordance: number, difference: number, level: number): number {
  const pA = (discordance + difference) / 2;
  const pB = (discordance - difference) / 2;
  const pNeither = 1 - discordance;
  const logFactorial = logFactorialTable(n);
  const cdfs = halfBinomialCdfs(n);
  const logOf = (count: number, p: number): number => (count === 0 ? 0 : count * Math.log(p));
  let power = 0;
  for (let a = 0; a <= n; a += 1) {
    for (let b = 0; a + b <= n; b += 1) {
      const m = a + b;
      if (m === 0) continue;
      const pValue = Math.min(1, 2 * (cdfs[m]?.[Math.min(a, b)] ?? Number.NaN));
      if (!(pValue <= level)) continue;
      const rest = n - m;
      power += Math.exp(
        (logFactorial[n] ?? 0) -
          (logFactorial[a] ?? 0) -
          (logFactorial[b] ?? 0) -
          (logFactorial[rest] ?? 0) +
          logOf(a, pA) +
          logOf(b, pB) +
          logOf(rest, pNeither),
      );
    }
  }
  return power;
}

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-15))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (|difference| ${Math.abs(actual - expected)})`,
    );
}

/** Largest c with 2·P(Binomial(m, ½) ≤ c) ≤ level, or −1, in exact integers (level · 2^m is exact here). */
function exactCriticalCount(m: number, level: number): number {
  const scaledLevel = level * 2 ** m;
  let c = -1;
  let binomial = 1n;
  let cumulative = 0n;
  for (let k = 0; k <= m; k += 1) {
    if (k > 0) binomial = (binomial * BigInt(m - k + 1)) / BigInt(k);
    cumulative += binomial;
    if (Number(2n * cumulative) <= scaledLevel && 2 * k < m) c = k;
    else break;
  }
  return c;
}

describe('mcnemarCriticalCount', () => {
  it('agrees with exact integer arithmetic for m = 1…50 at the usual levels', () => {
    for (const level of [0.01, 0.05, 0.1, 0.2])
      for (let m = 1; m <= 50; m += 1)
        expect(mcnemarCriticalCount(m, level), `m ${m}, level ${level}`).toBe(exactCriticalCount(m, level));
  });

  it('matches hand-worked values: nothing is significant at 5% below 6 discordant items', () => {
    // 2·(½)^5 = 0.0625 > 0.05; 2·(½)^6 = 0.03125; 2·(1 + 17 + 136 + 680 + 2380)/2^17 = 0.049 (c = 4 at m = 17).
    expect(mcnemarCriticalCount(5, 0.05)).toBe(-1);
    expect(mcnemarCriticalCount(6, 0.05)).toBe(0);
    expect(mcnemarCriticalCount(17, 0.05)).toBe(4);
    expect(mcnemarCriticalCount(1, 0.05)).toBe(-1);
    // Even at level 1 the smaller side stays below half: the count is never m/2 or more.
    expect(mcnemarCriticalCount(10, 1)).toBe(4);
    expect(mcnemarCriticalCount(10, 0.9)).toBe(4);
    // A level no p-value can be at or below: nothing is significant.
    expect(mcnemarCriticalCount(10, -0.05)).toBe(-1);
    expect(mcnemarCriticalCount(10, Number.NaN)).toBe(-1);
    expect(mcnemarCriticalCount(10, 0)).toBe(-1);
  });

  it('counts a level exactly at a tail probability as reached, as exact arithmetic does', () => {
    // level = 2·P(X ≤ k) exactly (a dyadic number) for every k < m/2: the critical count is k itself, and just
    // below that level it is k − 1.
    for (let m = 1; m <= 40; m += 1) {
      let binomial = 1n;
      let cumulative = 0n;
      for (let k = 0; 2 * k < m; k += 1) {
        if (k > 0) binomial = (binomial * BigInt(m - k + 1)) / BigInt(k);
        cumulative += binomial;
        const level = Number(2n * cumulative) / 2 ** m;
        expect(mcnemarCriticalCount(m, level), `m ${m}, level ${level}`).toBe(k);
        expect(mcnemarCriticalCount(m, level * (1 - 1e-9)), `m ${m}, below ${level}`).toBe(k - 1);
      }
    }
    // By hand: 2·(½)^6 = 0.03125 and 2·(1 + 6)/64 = 0.21875.
    expect(mcnemarCriticalCount(6, 0.03125)).toBe(0);
    expect(mcnemarCriticalCount(6, 0.21875)).toBe(1);
  });

  it('grows with m like the exact values for large m (one step at a time from the start guess)', () => {
    for (const m of [200, 201, 999, 1000]) {
      const c = mcnemarCriticalCount(m, 0.05);
      // The normal approximation puts c near m/2 − 1.96·√m/2; the exact value is within a couple of counts.
      expect(Math.abs(c - (m / 2 - (1.959964 * Math.sqrt(m)) / 2))).toBeLessThan(3);
    }
    expect(mcnemarCriticalCount(200, 0.05)).toBe(85);
    expect(mcnemarCriticalCount(1000, 0.05)).toBe(468);
  });
});

describe('mcnemarExactPower', () => {
  it('equals the brute-force sum over every outcome for small n', () => {
    const cases: [number, number, number, number][] = [
      [6, 0.5, 0.3, 0.05],
      [10, 0.4, 0.2, 0.05],
      [10, 0.4, -0.2, 0.05],
      [25, 0.3, 0.1, 0.05],
      [25, 0.3, 0, 0.05],
      [40, 0.2, -0.15, 0.01],
      [40, 0.9, 0.5, 0.1],
      [60, 0.15, 0.1, 0.05],
      [60, 0.15, 0.15, 0.05],
      [60, 0.15, -0.15, 0.05],
    ];
    for (const [n, discordance, difference, level] of cases) {
      expectRelative(
        mcnemarExactPower({ n, discordance, difference, level }),
        bruteForcePower(n, discordance, difference, level),
        1e-10,
        `n ${n}, ψ ${discordance}, δ ${difference}, α ${level}`,
      );
    }
  });

  it('equals the brute-force sum for large n, where only m within 10 sd of nψ are summed', () => {
    const cases: [number, number, number, number][] = [
      [400, 0.1, 0.04, 0.05],
      [400, 0.1, -0.03, 0.05],
      [900, 0.02, 0.015, 0.05],
      [900, 0.6, 0.05, 0.05],
    ];
    for (const [n, discordance, difference, level] of cases) {
      expectRelative(
        mcnemarExactPower({ n, discordance, difference, level }),
        bruteForcePower(n, discordance, difference, level),
        1e-9,
        `n ${n}, ψ ${discordance}, δ ${difference}`,
      );
    }
  });

  it('with every item discordant (ψ = 1) the discordant count is n and the power is the binomial tail', () => {
    // n = 10, all discordant, A favoured with probability 0.8: c = 1 at 5%, reject on ≤ 1 or ≥ 9 for A.
    const f = 0.8;
    const tail = 10 * f ** 9 * (1 - f) + f ** 10 + (1 - f) ** 10 + 10 * (1 - f) ** 9 * f;
    expectRelative(
      mcnemarExactPower({ n: 10, discordance: 1, difference: 0.6, level: 0.05 }),
      tail,
      1e-12,
      'ψ 1',
    );
    expect(mcnemarExactPower({ n: 10, discordance: 1, difference: 1, level: 0.05 })).toBe(1);
    expect(mcnemarExactPower({ n: 5, discordance: 1, difference: 1, level: 0.05 })).toBe(0);
  });

  it('is at most the level under no difference and rises with n under a difference', () => {
    for (const n of [30, 100, 300]) {
      expect(mcnemarExactPower({ n, discordance: 0.3, difference: 0, level: 0.05 })).toBeLessThanOrEqual(
        0.05,
      );
    }
    const powers = [50, 100, 200, 400].map((n) =>
      mcnemarExactPower({ n, discordance: 0.2, difference: 0.08, level: 0.05 }),
    );
    for (let index = 1; index < powers.length; index += 1)
      expect(powers[index] ?? 0).toBeGreaterThan(powers[index - 1] ?? 1);
    expect(mcnemarExactPower({ n: 5000, discordance: 0.2, difference: 0.08, level: 0.05 })).toBeCloseTo(
      1,
      12,
    );
  });

  it('is NaN outside its domain', () => {
    const base = { n: 100, discordance: 0.2, difference: 0.05, level: 0.05 };
    expect(mcnemarExactPower({ ...base, discordance: 0 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, discordance: 0, difference: 0 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, discordance: -0.1 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, discordance: Number.NaN })).toBeNaN();
    expect(mcnemarExactPower({ ...base, discordance: 1.01 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, difference: 0.21 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, difference: -0.21 })).toBeNaN();
    // |δ| > ψ on so few items that no count is significant (c = −1 below 6 discordant): still NaN, not 0.
    expect(mcnemarExactPower({ n: 3, discordance: 0.2, difference: 0.3, level: 0.05 })).toBeNaN();
    expect(mcnemarExactPower({ n: 3, discordance: 0.2, difference: -0.3, level: 0.05 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, n: 0 })).toBeNaN();
    expect(mcnemarExactPower({ ...base, difference: 0.2 })).not.toBeNaN();
    expect(mcnemarExactPower({ ...base, discordance: 1, difference: 0.5 })).not.toBeNaN();
    expect(mcnemarExactPower({ ...base, n: 1 })).toBe(0);
  });
});
