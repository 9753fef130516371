import { describe, expect, it } from 'vitest';
import { heterogeneousNull, simulateSequentialComparisons } from './simulate-sequential-comparisons.ts';

// The promise of `parity eval --stop-when-decided`: with the discordance measured between GPT-4-1106 and
// Mixtral-8x7B on MMLU (0.231), the confidence sequence
//  - wrongly declares a winner in at most 5% of 1,000 comparisons with no true gap — also when subjects differ
//    (A stronger on half of them, B on the other half, overall equal) — because items come in random order;
//  - with a true 3-point gap decides on fewer items, on average, than the fixed-size plan.
// bench/sequential-stopping.ts prints the same figures for a full MMLU plan (14,042 items) and more settings.
const discordance = 0.231;

describe('sequential stopping with the confidence sequence (seeded simulation)', () => {
  it('declares a wrong winner in at most 5% of 1,000 comparisons without a gap', () => {
    const result = simulateSequentialComparisons({
      comparisons: 1000,
      plannedItems: 14_042,
      gap: 0,
      discordance,
      seed: 1,
    });
    expect(result.rightDecisions).toBe(0);
    expect(result.wrongDecisions / result.comparisons).toBeLessThanOrEqual(0.05);
  });

  // Subjects that differ while the overall accuracies are equal: 10 subjects × 300 items, each favouring
  // one model by 20 points (GPT-4 vs Mixtral differ by up to ±30 points per MMLU subject).
  const subjects = heterogeneousNull({ subjects: 10, itemsPerSubject: 300, discordance, subjectGap: 0.2 });

  it('subject-heterogeneous null, items in the random order eval uses: ≤ 5% wrong winners over 1,000', () => {
    const result = simulateSequentialComparisons({ comparisons: 1000, subjects, order: 'random', seed: 3 });
    expect(result.comparisons).toBe(1000);
    expect(result.wrongDecisions / result.comparisons).toBeLessThanOrEqual(0.05);
  });

  it('the same null in subject order crowns a wrong winner most of the time (why the order is random)', () => {
    const bySubject = simulateSequentialComparisons({
      comparisons: 200,
      subjects,
      order: 'by-subject',
      seed: 3,
    });
    expect(bySubject.wrongDecisions / bySubject.comparisons).toBeGreaterThan(0.9);
  });

  it('with a margin, stops on equivalence under the heterogeneous null and never crowns a winner more often', () => {
    const result = simulateSequentialComparisons({
      comparisons: 300,
      subjects,
      order: 'random',
      margin: 0.05,
      seed: 4,
    });
    expect(result.equivalentDecisions / result.comparisons).toBeGreaterThan(0.5);
    expect(result.wrongDecisions / result.comparisons).toBeLessThanOrEqual(0.05);
  });

  it('with a true 3-point gap, decides on fewer items on average than the fixed-size plan', () => {
    const plannedItems = 14_042;
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
