import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.ts';

describe('backoffDelay', () => {
  it('draws uniformly below a ceiling that doubles from 500 ms up to 30 s', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      backoffDelay({ attempt, random: () => 0.999999 }),
    );
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 15999, 29999, 29999]);
    expect(backoffDelay({ attempt: 3, random: () => 0 })).toBe(0);
    expect(backoffDelay({ attempt: 3, random: () => 0.5 })).toBe(1000);
  });

  it('takes other base and cap values', () => {
    expect(backoffDelay({ attempt: 4, baseDelayMs: 100, maxDelayMs: 500, random: () => 0.5 })).toBe(250);
  });

  it('waits at least what the server asked for, even beyond the cap', () => {
    expect(backoffDelay({ attempt: 1, random: () => 0.5, retryAfterMs: 2000 })).toBe(2000);
    expect(backoffDelay({ attempt: 1, random: () => 0.5, retryAfterMs: 60_000 })).toBe(60_000);
    expect(backoffDelay({ attempt: 6, random: () => 0.5, retryAfterMs: 10 })).toBe(8000);
  });

  it('ignores a Retry-After that is not a finite number (0.5 × the 500 ms ceiling = 250 ms)', () => {
    expect(backoffDelay({ attempt: 1, random: () => 0.5, retryAfterMs: Number.NaN })).toBe(250);
    expect(backoffDelay({ attempt: 1, random: () => 0.5, retryAfterMs: Number.POSITIVE_INFINITY })).toBe(250);
  });
});
