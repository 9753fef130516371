// Paired differences against hand-worked values (z = scipy.stats.norm.ppf(0.975) = 1.959963984540054,
// norm.ppf(0.95) = 1.6448536269514722).
import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference.ts';

const a = [1, 4, 0, 3];
const b = [0, 0, 0, 0];

describe('pairedDifference, mean of the differences', () => {
  it('uses the cluster-robust SE over the clusters given', () => {
    // d = a; mean 2; residual sums p: (1−2) + (4−2) = 1, q: (0−2) + (3−2) = −1; SE² = 2 · 2 / 4² = 1/4.
    const result = pairedDifference({ a, b, clusters: ['p', 'p', 'q', 'q'] });
    expect(result.value).toBe(2);
    expect(result.standardError).toBeCloseTo(0.5, 14);
    expect(result.ci95[0]).toBeCloseTo(2 - 1.959963984540054 * 0.5, 12);
    expect(result.n).toBe(4);
  });

  it('uses z at the requested level', () => {
    // s² = (1 + 4 + 4 + 1)/3 = 10/3, SE = √(10/3/4) = √(5/6).
    const result = pairedDifference({ a, b, level: 0.9 });
    expect(result.standardError).toBeCloseTo(Math.sqrt(5 / 6), 14);
    expect(result.ci95[0]).toBeCloseTo(2 - 1.6448536269514722 * Math.sqrt(5 / 6), 12);
    expect(result.ci95[1]).toBeCloseTo(2 + 1.6448536269514722 * Math.sqrt(5 / 6), 12);
  });
});

describe('pairedDifference, mean of group means', () => {
  it('puts every item in one group when no groups are given', () => {
    const result = pairedDifference({ a, b, aggregate: 'group-mean' });
    expect(result.value).toBe(2);
    expect(result.standardError).toBeCloseTo(Math.sqrt(5 / 6), 14);
  });

  it('weights group means by w and variances by w²; items past the group list form the unnamed group ""', () => {
    // x: d = [1, 0, 1], mean 2/3, s²/n = (1/3)/3 = 1/9. "": d = [2, 4], mean 3, s²/n = 2/2 = 1, weight 3.
    // value (2/3 + 3·3)/4 = 29/12; SE² = (1/9 + 9·1)/4² = 82/144.
    const result = pairedDifference({
      a: [1, 0, 1, 2, 4],
      b: [0, 0, 0, 0, 0],
      aggregate: 'group-mean',
      groups: ['x', 'x', 'x'],
      weights: { '': 3 },
    });
    expect(result.value).toBeCloseTo(29 / 12, 14);
    expect(result.standardError).toBeCloseTo(Math.sqrt(82) / 12, 14);
    expect(result.ci95[1]).toBeCloseTo(29 / 12 + (1.959963984540054 * Math.sqrt(82)) / 12, 12);
    expect(result.n).toBe(5);
  });
});
