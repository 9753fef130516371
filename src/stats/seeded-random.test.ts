import { describe, expect, it } from 'vitest';
import { statsReference } from '../../test/support/stats-reference.ts';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('produces the documented xoshiro128** sequence (same as the Python reference script)', () => {
    const random = seededRandom(statsReference.seeded_random.seed);
    const expected = statsReference.seeded_random.first_uint32;
    expect(expected.map(() => random.nextFloat() * 4294967296)).toEqual(expected);
  });

  it('gives integers in range', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 1000 }, () => random.nextInt(7));
    expect(Math.min(...draws)).toBe(0);
    expect(Math.max(...draws)).toBe(6);
  });
});
