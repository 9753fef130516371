import { describe, expect, it } from 'vitest';
import { comparePublished } from './compare-runs.ts';
import { decideComparisons } from './decide-comparisons.ts';

// Published figures compared with the unpaired Wald test: se = √((a(1−a) + b(1−b))/n), z = (a − b)/se.
// 0.6 vs 0.5: se = 0.7/√n. n = 400: z = 2.857, p ≈ 0.0043; n = 230: z = 2.166, p ≈ 0.030.
const strong = comparePublished({ a: { value: 0.6, n: 400 }, b: { value: 0.5, n: 400 } });
const weak = comparePublished({ a: { value: 0.6, n: 230 }, b: { value: 0.5, n: 230 } });
const none = comparePublished({ a: { value: 0.5, n: 100 }, b: { value: 0.5, n: 100 } });

/** Holm's step-down adjustment written out: p_(i)·(m − i + 1), running maximum, capped at 1. */
function holm(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

describe('decideComparisons: one Holm family', () => {
  it('the p-values are where the cases are meant to be', () => {
    expect(strong.test.pValue).toBeGreaterThan(0.004);
    expect(strong.test.pValue).toBeLessThan(0.05 / 3);
    expect(weak.test.pValue).toBeGreaterThan(0.025);
    expect(weak.test.pValue).toBeLessThan(0.05);
    expect(none.test.pValue).toBe(1);
  });

  it('alone, p ≈ 0.03 at level 0.05 says A is better; its interval is the 95% one', () => {
    const [decided] = decideComparisons([weak], { level: 0.05 });
    expect(decided?.verdict).toBe('a_better');
    expect(decided?.test.pAdjusted).toBeCloseTo(weak.test.pValue, 15);
    expect(decided?.verdictInterval.level).toBeCloseTo(0.95, 15);
    expect(decided?.verdictInterval.bounds[0]).toBeGreaterThan(0);
    expect(decided?.verdictInterval.method).toBe(weak.inference.method);
    expect(decided?.margin).toBeNull();
  });

  it('with two other tests, Holm stops at p ≈ 0.03 (> 0.05/2): only the smallest p is a difference', () => {
    const decided = decideComparisons([weak, none, strong], { level: 0.05 });
    expect(decided.map((comparison) => comparison.verdict)).toEqual([
      'no_significant_difference',
      'no_significant_difference',
      'a_better',
    ]);
    const expected = holm([weak.test.pValue, 1, strong.test.pValue]);
    decided.forEach((comparison, index) =>
      expect(comparison.test.pAdjusted).toBeCloseTo(expected[index]!, 14),
    );
    // Levels: the smallest p is judged at 0.05/3, the next at 0.05/2 (where Holm stopped); the rest are capped there.
    expect(decided[2]?.verdictInterval.level).toBeCloseTo(1 - 0.05 / 3, 14);
    expect(decided[0]?.verdictInterval.level).toBeCloseTo(1 - 0.05 / 2, 14);
    // The interval excludes 0 exactly when the verdict says better.
    expect(decided[2]?.verdictInterval.bounds[0]).toBeGreaterThan(0);
    expect(decided[0]?.verdictInterval.bounds[0]).toBeLessThan(0);
  });

  it('the sign of the difference names the better side', () => {
    const reversed = comparePublished({ a: { value: 0.5, n: 400 }, b: { value: 0.6, n: 400 } });
    expect(decideComparisons([reversed], { level: 0.05 })[0]?.verdict).toBe('b_better');
  });
});

describe('decideComparisons with a margin', () => {
  const flat = (n: number) => comparePublished({ a: { value: 0.5, n }, b: { value: 0.5, n } });

  it('converts the margin: points of a proportion are hundredths; relative is a share of A', () => {
    const [points] = decideComparisons([flat(100)], { level: 0.05, margin: { points: 2 } });
    expect(points?.margin?.margin).toBeCloseTo(0.02, 15);
    expect(points?.margin?.relative).toBeNull();
    const eighty = comparePublished({ a: { value: 0.8, n: 100 }, b: { value: 0.8, n: 100 } });
    const [relative] = decideComparisons([eighty], { level: 0.05, margin: { relative: 0.1 } });
    expect(relative?.margin?.margin).toBeCloseTo(0.08, 15);
    expect(relative?.margin?.relative).toBe(0.1);
    expect(decideComparisons([flat(100)], { level: 0.05, margin: {} })[0]?.margin).toBeNull();
  });

  it('equivalence on 100,000 items each within 2 points (TOST z = 0.02/0.00224 ≈ 8.9)', () => {
    const [decided] = decideComparisons([flat(100_000)], { level: 0.05, margin: { points: 2 } });
    expect(decided?.margin).toMatchObject({
      mode: 'equivalence',
      verdict: 'equivalent',
      better: null,
      itemsNeeded: null,
    });
    expect(decided?.margin?.test.name).toBe(`tost_${flat(1).marginInference.method}`);
    expect(decided?.margin?.test.pValue).toBeLessThan(1e-15);
    expect(decided?.margin?.test.pAdjusted).toBe(decided?.margin?.test.pValue);
    // A TOST at α is a (1 − 2α) interval: 90%, inside ±margin.
    expect(decided?.margin?.interval.level).toBeCloseTo(0.9, 15);
    expect(decided?.margin?.interval.bounds[0]).toBeGreaterThan(-0.02);
    expect(decided?.margin?.interval.bounds[1]).toBeLessThan(0.02);
    expect(decided?.verdict).toBe('no_significant_difference');
  });

  it('non-inferiority: not worse, with its own test name', () => {
    const [decided] = decideComparisons([flat(100_000)], {
      level: 0.05,
      margin: { points: 2, nonInferiority: true },
    });
    expect(decided?.margin).toMatchObject({ mode: 'non_inferiority', verdict: 'not_worse', better: null });
    expect(decided?.margin?.test.name).toBe(`non_inferiority_${flat(1).marginInference.method}`);
  });

  it('a clear difference beyond the margin is "different", naming the better side', () => {
    const apart = comparePublished({ a: { value: 0.9, n: 1000 }, b: { value: 0.1, n: 1000 } });
    const [decided] = decideComparisons([apart], { level: 0.05, margin: { points: 1 } });
    expect(decided?.margin).toMatchObject({ verdict: 'different', better: 'a', itemsNeeded: null });
    const swapped = comparePublished({ a: { value: 0.1, n: 1000 }, b: { value: 0.9, n: 1000 } });
    expect(decideComparisons([swapped], { level: 0.05, margin: { points: 1 } })[0]?.margin).toMatchObject({
      verdict: 'different',
      better: 'b',
    });
  });

  it('inconclusive: the items equivalence would need, n ≥ z₀.₉₅² · 0.5 / 0.05² = 541.1 → 542', () => {
    // 0.5 vs 0.5 within 5 points: TOST rejects when 0.05 / √(0.5/n) ≥ 1.6449, i.e. n ≥ 541.1.
    const [decided] = decideComparisons([flat(100)], { level: 0.05, margin: { points: 5 } });
    expect(decided?.margin?.verdict).toBe('inconclusive');
    expect(decided?.margin?.better).toBeNull();
    expect(decided?.margin?.itemsNeeded).toBe(542);
    for (const mode of [{}, { nonInferiority: true }]) {
      const at = (n: number) =>
        decideComparisons([flat(n)], { level: 0.05, margin: { points: 5, ...mode } })[0]?.margin?.verdict;
      expect(at(541)).toBe('inconclusive');
      expect(at(542)).not.toBe('inconclusive');
    }
  });

  it('inconclusive with a difference outside the margin: the items a difference test would need', () => {
    // 0.55 vs 0.5 within 1 point: equivalence is out of reach; the Wald test rejects when
    // 0.05 / √(0.4975/n) ≥ 1.95996, i.e. n ≥ 1.95996² · 0.4975 / 0.0025 = 764.5 → 765.
    const near = (n: number) => comparePublished({ a: { value: 0.55, n }, b: { value: 0.5, n } });
    const [decided] = decideComparisons([near(100)], { level: 0.05, margin: { points: 1 } });
    expect(decided?.margin?.verdict).toBe('inconclusive');
    expect(decided?.margin?.itemsNeeded).toBe(765);
    expect(decideComparisons([near(765)], { level: 0.05, margin: { points: 1 } })[0]?.margin?.verdict).toBe(
      'different',
    );
  });

  it('nothing decides an estimate of 0 with a margin of 0: no item count', () => {
    const [decided] = decideComparisons([flat(100)], { level: 0.05, margin: { points: 0 } });
    expect(decided?.margin?.verdict).toBe('inconclusive');
    expect(decided?.margin?.itemsNeeded).toBeNull();
  });

  it('margin tests form their own Holm family', () => {
    const decided = decideComparisons([flat(100_000), flat(100)], { level: 0.05, margin: { points: 2 } });
    const pValues = decided.map((comparison) => comparison.margin?.test.pValue ?? Number.NaN);
    const expected = holm(pValues);
    decided.forEach((comparison, index) =>
      expect(comparison.margin?.test.pAdjusted).toBeCloseTo(expected[index]!, 14),
    );
    // Two margin tests: the smaller p is judged at 0.05/2, so its interval is 1 − 2·0.025 = 95%.
    expect(decided[0]?.margin?.interval.level).toBeCloseTo(0.95, 14);
  });
});
