import { describe, expect, it } from 'vitest';
import { simulateSequentialComparisons } from './simulate-sequential-comparisons.ts';

// The promise of `parity eval --stop-when-decided`: with the plan of a full MMLU run (14,042 items) and the
// discordance measured between GPT-4-1106 and Mixtral-8x7B on MMLU (0.231), the confidence sequence
//  - wrongly declares a winner in at most 5% of 1,000 comparisons with no true gap, and
//  - with a true 3-point gap decides on fewer items, on average, than the fixed-size plan.
// bench/sequential-stopping.ts prints the same figures for more settings.
const plannedItems = 14_042;
const discordance = 0.231;

describe('sequential stopping with the confidence sequence (seeded simulation)', () => {
  it('declares a wrong winner in at most 5% of 1,000 comparisons without a gap', () => {
    const result = simulateSequentialComparisons({
      comparisons: 1000,
      plannedItems,
      gap: 0,
      discordance,
      seed: 1,
    });
    expect(result.rightDecisions).toBe(0);
    expect(result.wrongDecisions / result.comparisons).toBeLessThanOrEqual(0.05);
  });

  it('with a true 3-point gap, decides on fewer items on average than the fixed-size plan', () => {
    const result = simulateSequentialComparisons({
      comparisons: 1000,
      plannedItems,
      gap: 0.03,
      discordance,
      seed: 2,
    });
    expect(result.meanItems).toBeLessThan(plannedItems / 2);
    expect(result.rightDecisions / result.comparisons).toBeGreaterThan(0.95);
    expect(result.wrongDecisions).toBe(0);
  });
});
