import { describe, expect, it } from 'vitest';
import { groupThousands } from './group-thousands.ts';

describe('groupThousands', () => {
  it('writes integers as toLocaleString en-US does', () => {
    for (const value of [
      0,
      7,
      12,
      999,
      1000,
      1001,
      12_345,
      999_999,
      1_000_000,
      1_234_567,
      -1,
      -1000,
      -1_234_567,
      2 ** 53 - 1,
    ]) {
      expect(groupThousands(value)).toBe(value.toLocaleString('en-US'));
    }
  });

  it('leaves fractions and non-finite numbers to toLocaleString', () => {
    for (const value of [1234.5678, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) {
      expect(groupThousands(value)).toBe(value.toLocaleString('en-US'));
    }
  });
});
