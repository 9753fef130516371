// Student's t distribution and the regularized incomplete beta function against expectations that do not come
// from this code: closed forms (df 1 is the Cauchy distribution, df 2 has an algebraic cdf, I_x(a, b) with whole
// a and b is a finite binomial sum) and quantiles of the printed t table, here rounded to doubles as computed with
// mpmath 1.3 at 40 digits (`mp.findroot(lambda t: betainc-based cdf(t, df) - p, 2)`; the printed table gives
// the first 3–4 of them: t(0.975; 5) = 2.571, t(0.975; 10) = 2.228, t(0.995; 10) = 3.169, t(0.975; 30) = 2.042).
import { describe, expect, it } from 'vitest';
import {
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTSurvival,
} from './student-t-distribution.ts';

function expectRelative(actual: number, expected: number, relative: number, label: string): void {
  const tolerance = relative * Math.max(Math.abs(expected), 1e-300);
  if (!(Math.abs(actual - expected) <= tolerance))
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (|difference| ${Math.abs(actual - expected)})`,
    );
}

/** C(n, k) as a double (exact for the small n used here). */
function choose(n: number, k: number): number {
  let value = 1;
  for (let i = 1; i <= k; i += 1) value = (value * (n - k + i)) / i;
  return value;
}

/** I_x(a, b) for whole a, b: P(Binomial(a + b − 1, x) ≥ a). */
function incompleteBetaWhole(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let sum = 0;
  for (let j = a; j <= n; j += 1) sum += choose(n, j) * x ** j * (1 - x) ** (n - j);
  return sum;
}

describe('regularizedIncompleteBeta', () => {
  it('equals the binomial sum for whole a and b on both sides of the continued fraction switch', () => {
    // The switch point is (a + 1)/(a + b + 2): x below it uses the fraction in x, above it the one in 1 − x.
    const shapes: [number, number][] = [
      [1, 1],
      [2, 3],
      [5, 2],
      [7, 7],
      [12, 4],
      [3, 20],
      [30, 30],
    ];
    for (const [a, b] of shapes) {
      for (const x of [0.001, 0.05, 0.2, 0.35, 0.5, 0.62, 0.8, 0.95, 0.999]) {
        const expected = incompleteBetaWhole(x, a, b);
        if (expected < 1e-250) continue;
        expectRelative(regularizedIncompleteBeta(x, a, b), expected, 1e-12, `I_${x}(${a}, ${b})`);
      }
    }
  });

  it('has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b for fractional shapes', () => {
    for (const a of [0.3, 2.5, 9.75]) {
      for (const x of [0.1, 0.5, 0.9]) {
        expectRelative(regularizedIncompleteBeta(x, a, 1), x ** a, 1e-12, `I_${x}(${a}, 1)`);
        expectRelative(regularizedIncompleteBeta(x, 1, a), 1 - (1 - x) ** a, 1e-12, `I_${x}(1, ${a})`);
      }
    }
  });

  it('matches mpmath betainc for half-integer and fractional shapes', () => {
    const cases: [number, number, number, number][] = [
      [0.2, 2.5, 0.5, 0.006566271827563007],
      [0.9, 2.5, 0.5, 0.48958974456442755],
      [0.5, 7.3, 1.2, 0.0093007695170951],
      [0.05, 0.3, 4.1, 0.6514484201389004],
      [0.97, 15, 0.5, 0.3431267055881707],
    ];
    for (const [x, a, b, expected] of cases)
      expectRelative(regularizedIncompleteBeta(x, a, b), expected, 1e-12, `I_${x}(${a}, ${b})`);
  });

  it('is 0 at and below x = 0 and 1 at and above x = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-0.5, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBe(1);
  });
});

describe("Student's t cdf and survival", () => {
  it('df 1 is the Cauchy distribution: P(T ≤ t) = ½ + atan(t)/π', () => {
    for (const t of [-40, -3, -1, -0.2, 0, 0.2, 1, 3, 40]) {
      const expected = 0.5 + Math.atan(t) / Math.PI;
      expectRelative(studentTCdf(t, 1), expected, 1e-12, `cdf(${t}; 1)`);
      expectRelative(studentTSurvival(t, 1), 1 - expected, 1e-12, `sf(${t}; 1)`);
    }
  });

  it('df 2: P(T ≤ t) = ½ + t / (2√(2 + t²))', () => {
    for (const t of [-25, -2, -0.5, 0.5, 2, 25]) {
      const expected = 0.5 + t / (2 * Math.sqrt(2 + t * t));
      expectRelative(studentTCdf(t, 2), expected, 1e-12, `cdf(${t}; 2)`);
    }
  });

  it('matches mpmath for other and fractional degrees of freedom, far tails included', () => {
    const cases: [number, number, number][] = [
      [0.3, 3, 0.6081183539800404],
      [1.7, 7, 0.9335355516087224],
      [-2.2, 12, 0.024068406722511263],
      [4.0, 0.7, 0.8833277397073144],
      [25, 4, 0.9999924012371183],
      [-0.05, 50, 0.4801607979059763],
      [3.1, 200, 0.9988929010508344],
    ];
    for (const [t, df, cdf] of cases) {
      expectRelative(studentTCdf(t, df), cdf, 1e-12, `cdf(${t}; ${df})`);
      expectRelative(studentTSurvival(-t, df), cdf, 1e-12, `sf(${-t}; ${df})`);
    }
  });

  it('is exactly ½ at 0, 0 and 1 at the infinities, NaN for NaN', () => {
    expect(studentTSurvival(0, 5)).toBe(0.5);
    expect(studentTSurvival(Infinity, 5)).toBe(0);
    expect(studentTSurvival(-Infinity, 5)).toBe(1);
    expect(studentTCdf(Infinity, 5)).toBe(1);
    expect(studentTCdf(-Infinity, 5)).toBe(0);
    expect(studentTSurvival(Number.NaN, 5)).toBeNaN();
    expect(studentTCdf(Number.NaN, 5)).toBeNaN();
  });
});

describe("Student's t quantile", () => {
  it('matches the t table (mpmath, rounded to doubles)', () => {
    const table: [number, number, number][] = [
      [3, 0.9, 1.6377443536962102],
      [3, 0.975, 3.1824463052837095],
      [3, 0.995, 5.840909309733357],
      [3, 0.9995, 12.923978636687483],
      [3, 0.01, -4.5407028585681335],
      [5, 0.9, 1.475884048824481],
      [5, 0.975, 2.5705818356363155],
      [5, 0.995, 4.032142983555228],
      [5, 0.9995, 6.86882662588111],
      [5, 0.01, -3.3649299989072188],
      [10, 0.9, 1.3721836411103356],
      [10, 0.975, 2.228138851986275],
      [10, 0.995, 3.1692726726169513],
      [10, 0.9995, 4.586893858702636],
      [10, 0.01, -2.763769458112696],
      [30, 0.975, 2.042272456301238],
      [30, 0.995, 2.7499956535672254],
      [100, 0.975, 1.9839715185235522],
      [100, 0.01, -2.364217366238482],
      [2.5, 0.9995, 18.277893528130647],
      [0.5, 0.9, 10.270324410234506],
      [0.5, 0.975, 164.55767348048852],
      [0.5, 0.9995, 411396.4625261714],
      [0.5, 0.01, -1028.4910104716218],
    ];
    for (const [df, p, t] of table) expectRelative(studentTQuantile(p, df), t, 1e-11, `ppf(${p}; ${df})`);
  });

  it('inverts the closed forms of df 1 (tan) and df 2', () => {
    for (const p of [1e-9, 0.001, 0.1, 0.3, 0.7, 0.9, 0.999, 1 - 1e-9]) {
      // tan(π(p − ½)) written as ∓cot(π·tail) so that p near 0 or 1 loses no digits.
      const df1 = p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
      expectRelative(studentTQuantile(p, 1), df1, 1e-10, `ppf(${p}; 1)`);
      const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expectRelative(studentTQuantile(p, 2), df2, 1e-10, `ppf(${p}; 2)`);
    }
  });

  it('is symmetric, exactly 0 at ½ and infinite at 0 and 1', () => {
    for (const p of [0.6, 0.8, 0.99]) expect(studentTQuantile(1 - p, 7)).toBe(-studentTQuantile(p, 7));
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(-0.1, 7)).toBe(-Infinity);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(1.1, 7)).toBe(Infinity);
  });
});
