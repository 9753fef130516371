import { describe, expect, it } from 'vitest';
import { countSamples, passAtK, reportableKs } from './pass-at-k.ts';

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
