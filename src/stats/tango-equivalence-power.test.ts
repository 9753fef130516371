// Exact power of the Tango score equivalence (TOST) and non-inferiority tests against brute force written
// here: every outcome (items only A gets right, items only B gets right) of n paired items, with its trinomial
// probability, is tested with the Tango score statistic (checked against statsmodels in
// equivalence-reference.test.ts) and the normal critical value from the table (z₀.₉₅ = 1.6448536269514722,
// z₀.₉₇₅ = 1.959963984540054).
import { describe, expect, it } from 'vitest';
import { tangoScoreStatistic } from './paired-binary-inference.ts';
import { tangoEquivalencePower } from './tango-equivalence-power.ts';

const criticalAt = new Map([
  [0.05, 1.6448536269514722],
  [0.025, 1.959963984540054],
]);

function bruteForcePower(options: {
  n: number;
  discordance: number;
  difference: number;
  margin: number;
  level: number;
  nonInferiority?: boolean;
}): number {
  const { n, discordance, difference, margin, level } = options;
  const critical = criticalAt.get(level) ?? Number.NaN;
  const probabilities = [(discordance + difference) / 2, (discordance - difference) / 2, 1 - discordance];
  const logFactorial = [0];
  for (let k = 1; k <= n; k += 1) logFactorial.push((logFactorial[k - 1] ?? 0) + Math.log(k));
  let power = 0;
  for (let a = 0; a <= n; a += 1) {
    for (let b = 0; a + b <= n; b += 1) {
      const counts = { aOnly: a, bOnly: b, n };
      const notWorse = tangoScoreStatistic(counts, margin) <= -critical;
      const notBetter = tangoScoreStatistic(counts, -margin) >= critical;
      if (!notWorse || (!options.nonInferiority && !notBetter)) continue;
      let log = logFactorial[n] ?? 0;
      [a, b, n - a - b].forEach((count, index) => {
        log -= logFactorial[count] ?? 0;
        if (count > 0) log += count * Math.log(probabilities[index] ?? Number.NaN);
      });
      power += Math.exp(log);
    }
  }
  return power;
}

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-14))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (|difference| ${Math.abs(actual - expected)})`,
    );
}

describe('tangoEquivalencePower', () => {
  it('equals the brute-force sum over every outcome (equivalence and non-inferiority)', () => {
    const cases = [
      { n: 40, discordance: 0.3, difference: 0, margin: 0.2, level: 0.05 },
      { n: 80, discordance: 0.2, difference: 0.02, margin: 0.1, level: 0.05 },
      { n: 80, discordance: 0.2, difference: -0.03, margin: 0.1, level: 0.025 },
      { n: 150, discordance: 0.1, difference: 0.01, margin: 0.05, level: 0.05 },
      { n: 150, discordance: 0.1, difference: 0.1, margin: 0.15, level: 0.05 },
      { n: 150, discordance: 0.1, difference: -0.1, margin: 0.15, level: 0.05 },
      { n: 120, discordance: 1, difference: 0.1, margin: 0.3, level: 0.05 },
      { n: 300, discordance: 0.08, difference: 0, margin: 0.05, level: 0.05 },
      { n: 300, discordance: 0.5, difference: 0.02, margin: 0.12, level: 0.05 },
    ];
    for (const options of cases) {
      for (const nonInferiority of [false, true]) {
        const label = `${JSON.stringify(options)}${nonInferiority ? ' non-inferiority' : ''}`;
        const expected = bruteForcePower({ ...options, nonInferiority });
        expect(expected, label).toBeGreaterThan(1e-6);
        expectRelative(tangoEquivalencePower({ ...options, nonInferiority }), expected, 1e-9, label);
      }
    }
  });

  it('equals the brute-force sum for few items, where the windows reach 0 and n (all discordant or nearly)', () => {
    for (let n = 1; n <= 8; n += 1) {
      for (const discordance of [1, 0.9]) {
        for (const difference of [-0.8, -0.5, 0]) {
          const options = { n, discordance, difference, margin: 0.2, level: 0.05 };
          for (const nonInferiority of [false, true]) {
            const label = `${JSON.stringify(options)}${nonInferiority ? ' non-inferiority' : ''}`;
            const power = tangoEquivalencePower({ ...options, nonInferiority });
            expect(power, label).not.toBeNaN();
            expectRelative(power, bruteForcePower({ ...options, nonInferiority }), 1e-9, label);
          }
        }
      }
    }
    // B-only on every item (probability 0.9^n at ψ = 1, δ = −0.8) passes the non-inferiority test.
    expect(
      bruteForcePower({
        n: 4,
        discordance: 1,
        difference: -0.8,
        margin: 0.2,
        level: 0.05,
        nonInferiority: true,
      }),
    ).toBeGreaterThan(0.9 ** 4 - 1e-12);
  });

  it('equals the brute-force sum when a count is skewed: A-only items expected 0.02 times in 400', () => {
    // pA = (0.05 − 0.0499)/2 = 5e-5: the window for A-only is 0…3, and P(a = 3) ≈ 0.02³/6 ≈ 1.3e-6 counts;
    // what lies beyond it (a ≥ 4, ≈ 0.02⁴/24 ≈ 7e-9) is within the tolerance.
    const options = { n: 400, discordance: 0.05, difference: -0.0499, margin: 0.1, level: 0.05 };
    for (const nonInferiority of [false, true]) {
      const expected = bruteForcePower({ ...options, nonInferiority });
      expect(expected).toBeGreaterThan(0.01);
      expectRelative(tangoEquivalencePower({ ...options, nonInferiority }), expected, 1e-7, 'skewed');
    }
  });

  it('non-inferiority is at least as powerful as equivalence, and power rises with n', () => {
    const base = { discordance: 0.15, difference: 0.01, margin: 0.06, level: 0.05 };
    const equivalence = [100, 200, 400, 800].map((n) => tangoEquivalencePower({ ...base, n }));
    const nonInferiority = [100, 200, 400, 800].map((n) =>
      tangoEquivalencePower({ ...base, n, nonInferiority: true }),
    );
    equivalence.forEach((power, index) => {
      expect(nonInferiority[index] ?? 0).toBeGreaterThan(power);
      if (index > 0) expect(power).toBeGreaterThan(equivalence[index - 1] ?? 1);
    });
    expect(tangoEquivalencePower({ ...base, n: 4000 })).toBeCloseTo(1, 9);
  });

  it('is NaN outside its domain', () => {
    const base = { n: 100, discordance: 0.2, difference: 0.05, margin: 0.1, level: 0.05 };
    expect(tangoEquivalencePower({ ...base, discordance: 0 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, discordance: 0, difference: 0 })).toBeNaN();
    // ψ > 1 with no outcome inside a narrow margin: NaN, not a power of 0.
    expect(
      tangoEquivalencePower({ n: 20, discordance: 1.01, difference: 0.9, margin: 0.05, level: 0.05 }),
    ).toBeNaN();
    expect(tangoEquivalencePower({ ...base, n: 1 })).not.toBeNaN();
    expect(tangoEquivalencePower({ ...base, discordance: Number.NaN })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, discordance: 1.01 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, difference: 0.21 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, difference: -0.21 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, n: 0 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, margin: 0 })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, margin: Number.NaN })).toBeNaN();
    expect(tangoEquivalencePower({ ...base, discordance: 1 })).not.toBeNaN();
    expect(tangoEquivalencePower({ ...base, difference: 0.2 })).not.toBeNaN();
  });
});
