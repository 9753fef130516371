import { describe, expect, it } from 'vitest';
import { smallestSampleSize } from './smallest-sample-size.ts';

// A power that rises by 1/1000 per item reaches 0.5 first at n = 500 (worked by hand): the search must land
// there from any guess, below, above or on it, and report the power at that n.
const linear = (n: number): number => n / 1000;

describe('smallestSampleSize', () => {
  it('finds the first n whose power reaches the target from a guess below it', () => {
    expect(smallestSampleSize({ powerAt: linear, target: 0.5, guess: 100 })).toEqual({ n: 500, power: 0.5 });
    expect(smallestSampleSize({ powerAt: linear, target: 0.5, guess: 1 })).toEqual({ n: 500, power: 0.5 });
  });

  it('steps down from a guess above it, and does not stop at a guess that already reaches it', () => {
    expect(smallestSampleSize({ powerAt: linear, target: 0.5, guess: 4000 })).toEqual({ n: 500, power: 0.5 });
    expect(smallestSampleSize({ powerAt: linear, target: 0.5, guess: 500.4 })).toEqual({
      n: 500,
      power: 0.5,
    });
    expect(smallestSampleSize({ powerAt: linear, target: 0.5, guess: 501 })).toEqual({ n: 500, power: 0.5 });
  });

  it('answers 1 when a single item already has the power', () => {
    expect(smallestSampleSize({ powerAt: () => 0.95, target: 0.8, guess: 40 })).toEqual({
      n: 1,
      power: 0.95,
    });
    expect(smallestSampleSize({ powerAt: () => 0.95, target: 0.8, guess: 0.2 })).toEqual({
      n: 1,
      power: 0.95,
    });
  });

  it('gives up (undefined) when the power never reaches the target below the maximum', () => {
    expect(smallestSampleSize({ powerAt: () => 0.3, target: 0.8, guess: 10, max: 200 })).toBeUndefined();
    // Reached exactly at the maximum: found.
    expect(
      smallestSampleSize({ powerAt: (n) => (n >= 200 ? 0.9 : 0.1), target: 0.8, guess: 10, max: 200 }),
    ).toEqual({
      n: 200,
      power: 0.9,
    });
  });

  it('a power exactly at the target counts as reached, from below, above and on the guess', () => {
    // Power 0.5 from n = 300 on, 0.1 below: the answer is 300 whichever side the guess is on.
    const step = (n: number): number => (n >= 300 ? 0.5 : 0.1);
    for (const guess of [100, 299, 300, 301, 500, 5000])
      expect(smallestSampleSize({ powerAt: step, target: 0.5, guess }), `guess ${guess}`).toEqual({
        n: 300,
        power: 0.5,
      });
  });

  it('with a saw-toothed power, searches down from the guess, not from 1', () => {
    // Reached on 60…65 and from 100 on. From the guess 120 the steps down are 109 (reached) and 99 (not),
    // worked by hand: floor(120/1.1) = 109, floor(109/1.1) = 99; then bisection of (99, 109] gives 100 —
    // a search from 1 would have found 60 first.
    const saw = (n: number): number => ((n >= 60 && n <= 65) || n >= 100 ? 0.9 : 0.1);
    expect(smallestSampleSize({ powerAt: saw, target: 0.8, guess: 120 })).toEqual({ n: 100, power: 0.9 });
  });

  it('asks the power at few sizes: 10% growth steps, then bisection', () => {
    const asked: number[] = [];
    const found = smallestSampleSize({
      powerAt: (n) => {
        asked.push(n);
        return linear(n);
      },
      target: 0.5,
      guess: 100,
    });
    expect(found?.n).toBe(500);
    // 100 → 500 by steps of ×1.1 + 1 takes 16 steps; bisection of the last gap (< 60) at most 6 more.
    expect(asked.length).toBeLessThanOrEqual(1 + 16 + 6);
    // ceil(n × 1.1) + 1, where 100 × 1.1 is 110.00000000000001 in binary floating point (ceiling 111).
    expect(asked.slice(0, 4)).toEqual([100, 112, 125, 139]);
  });
});
