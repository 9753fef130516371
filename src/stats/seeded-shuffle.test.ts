import { describe, expect, it } from 'vitest';
import { seededShuffle } from './seeded-shuffle.ts';

describe('seededShuffle', () => {
  it('returns a new array with the same elements, the same order for the same seed', () => {
    const items = Array.from({ length: 20 }, (_, index) => index);
    const shuffled = seededShuffle(items, 5);
    expect(items).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(seededShuffle(items, 5)).toEqual(shuffled);
    expect(seededShuffle(items, 6)).not.toEqual(shuffled);
    expect(seededShuffle([], 1)).toEqual([]);
    expect(seededShuffle(['only'], 1)).toEqual(['only']);
  });

  it('draws each of the 6 orders of 3 elements about equally often over 6,000 seeds', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed += 1) {
      const order = seededShuffle(['a', 'b', 'c'], seed).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    // Each count is Binomial(6000, 1/6): mean 1000, sd 28.9; ±150 is more than five sd.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
