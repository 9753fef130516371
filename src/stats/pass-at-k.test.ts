import { describe, expect, it } from 'vitest';
import { countSamples, passAtK, passAtKEstimate, reportableKs } from './pass-at-k.ts';

/** Exact 1 − C(n−c, k)/C(n, k) with BigInt, to check the product form. */
function exactPassAtK(n: number, correct: number, k: number): number {
  const choose = (total: number, pick: number): bigint => {
    if (pick < 0 || pick > total) return 0n;
    let result = 1n;
    for (let index = 0; index < pick; index += 1)
      result = (result * BigInt(total - index)) / BigInt(index + 1);
    return result;
  };
  const scale = 10n ** 15n;
  return 1 - Number((choose(n - correct, k) * scale) / choose(n, k)) / 1e15;
}

describe('passAtK', () => {
  it('is c/n for k = 1 and 1 when fewer than k samples failed', () => {
    expect(passAtK({ n: 6, correct: 3, k: 1 })).toBeCloseTo(0.5, 15);
    expect(passAtK({ n: 10, correct: 0, k: 5 })).toBe(0);
    expect(passAtK({ n: 10, correct: 8, k: 3 })).toBe(1);
    expect(passAtK({ n: 1, correct: 1, k: 1 })).toBe(1);
  });

  it('matches the exact binomial formula, including large n where the binomials overflow doubles', () => {
    for (const [n, correct, k] of [
      [5, 2, 2],
      [20, 3, 10],
      [200, 13, 100],
      [200, 1, 1],
      [64, 7, 32],
    ] as const) {
      expect(passAtK({ n, correct, k })).toBeCloseTo(exactPassAtK(n, correct, k), 12);
    }
  });

  it('rejects k outside 1..n', () => {
    expect(() => passAtK({ n: 3, correct: 1, k: 4 })).toThrow(RangeError);
    expect(() => passAtK({ n: 3, correct: 1, k: 0 })).toThrow(RangeError);
  });
});

describe('countSamples and reportableKs', () => {
  it('counts scored samples per item, leaves unscored out, and reports k up to the smallest n', () => {
    const counts = countSamples([
      { itemId: 'a', value: 1 },
      { itemId: 'a', value: 0 },
      { itemId: 'a', value: null },
      { itemId: 'b', value: 1 },
      { itemId: 'b', value: 1 },
      { itemId: 'b', value: 0 },
    ]);
    expect([...counts]).toEqual([
      ['a', { n: 2, correct: 1 }],
      ['b', { n: 3, correct: 2 }],
    ]);
    expect(reportableKs(counts.values())).toEqual([1, 2]);
    expect(reportableKs([])).toEqual([]);
  });
});

describe('passAtK input checks', () => {
  it('names the bound that failed', () => {
    expect(() => passAtK({ n: 3, correct: 1, k: 4 })).toThrow('pass@4 needs 1 ≤ k ≤ n (n = 3)');
    expect(() => passAtK({ n: 3, correct: -1, k: 1 })).toThrow(
      new RangeError('correct must be in [0, 3], got -1'),
    );
    expect(() => passAtK({ n: 3, correct: 4, k: 1 })).toThrow(
      new RangeError('correct must be in [0, 3], got 4'),
    );
  });

  it('is 1 exactly when fewer than k samples failed, 1 − C(n−c,k)/C(n,k) by hand otherwise', () => {
    // n 5, c 3, k 2: 1 − C(2,2)/C(5,2) = 1 − 1/10.
    expect(passAtK({ n: 5, correct: 3, k: 2 })).toBeCloseTo(0.9, 15);
    expect(passAtK({ n: 5, correct: 4, k: 2 })).toBe(1);
    // The rule is "fewer than k failures", not the product: 2.5 failures (a fractional count) are fewer than 3.
    expect(passAtK({ n: 5, correct: 2.5, k: 3 })).toBe(1);
  });
});

describe('countSamples with missing values', () => {
  it('leaves undefined values out like null ones, and counts 0 as a failure', () => {
    const counts = countSamples([
      { itemId: 'a', value: undefined },
      { itemId: 'a', value: 0 },
      { itemId: 'b', value: undefined },
    ]);
    expect([...counts]).toEqual([['a', { n: 1, correct: 0 }]]);
  });

  it('reports k = 1 for problems of one sample', () => {
    expect(reportableKs([{ n: 1, correct: 1 }])).toEqual([1]);
    expect(
      reportableKs([
        { n: 3, correct: 1 },
        { n: 2, correct: 0 },
      ]),
    ).toEqual([1, 2]);
  });
});

describe('passAtKEstimate without enough samples', () => {
  const none = (n: number) => ({ value: Number.NaN, ci95: [Number.NaN, Number.NaN], n, method: 'none' });

  it('is NaN with method none for no problems or a problem with fewer than k samples', () => {
    expect(passAtKEstimate([], { k: 1 })).toEqual(none(0));
    expect(
      passAtKEstimate(
        [
          { n: 3, correct: 1 },
          { n: 1, correct: 1 },
        ],
        { k: 2, resamples: 10 },
      ),
    ).toEqual(none(2));
  });

  it('takes problems with exactly k samples (pass@2 of 2 samples, 1 correct, is 1 − C(1,2)/C(2,2) = 1)', () => {
    const estimate = passAtKEstimate(
      [
        { n: 2, correct: 1 },
        { n: 2, correct: 0 },
      ],
      { k: 2, resamples: 50 },
    );
    // Per problem 1 and 0: the mean is 0.5, and every resample mean is 0, 0.5 or 1.
    expect(estimate.value).toBe(0.5);
    expect(estimate).toMatchObject({ n: 2, method: 'bootstrap-percentile', resamples: 50, seed: 0 });
  });
});
