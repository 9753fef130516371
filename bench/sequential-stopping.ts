// `node --import tsx bench/sequential-stopping.ts`: how `parity eval --stop-when-decided` behaves, by seeded
// simulation of paired 0/1 comparisons (src/stats/simulate-sequential-comparisons.ts). Prints, never fails.
// For each plan size and discordance: the share of wrong winners with no true gap, and with a 3-point gap the
// share decided and the mean items drawn — against the whole plan and against the fixed-size design that
// `parity plan` would pick (80% power, α = 0.05).
import { pairedBinarySampleSize } from '../src/stats/paired-sample-size.ts';
import {
  heterogeneousNull,
  simulateSequentialComparisons,
} from '../src/stats/simulate-sequential-comparisons.ts';

const comparisons = 2000;
console.log(
  'plan   ψ      wrong winners (gap 0)  decided (gap 3)  mean items (gap 3)  vs plan  vs fixed-n design',
);
for (const plannedItems of [1319, 3000, 14_042]) {
  for (const discordance of [0.15, 0.231, 0.3]) {
    const started = performance.now();
    const nullResult = simulateSequentialComparisons({
      comparisons,
      plannedItems,
      gap: 0,
      discordance,
      seed: 11,
    });
    const gapResult = simulateSequentialComparisons({
      comparisons,
      plannedItems,
      gap: 0.03,
      discordance,
      seed: 12,
    });
    const fixed = pairedBinarySampleSize({ difference: 0.03, discordance, power: 0.8, level: 0.05 });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      [
        String(plannedItems).padEnd(6),
        discordance.toFixed(3).padEnd(6),
        `${((100 * nullResult.wrongDecisions) / comparisons).toFixed(1)}%`.padEnd(22),
        `${((100 * gapResult.rightDecisions) / comparisons).toFixed(1)}%`.padEnd(16),
        gapResult.meanItems.toFixed(0).padEnd(19),
        `${((100 * gapResult.meanItems) / plannedItems).toFixed(0)}%`.padEnd(8),
        `${fixed} items (${((100 * gapResult.meanItems) / fixed).toFixed(0)}%)  [${seconds.toFixed(1)} s]`,
      ].join(' '),
    );
  }
}

// Subject-heterogeneous nulls (issue 13): 57 subjects of 246 items (a full MMLU plan, 14,022 items), overall
// accuracies equal but each subject favouring one model by `subject gap` points. The same seeded comparisons
// with the items in the order the reference run stored them (by subject, round-robin) and in the seeded random
// order `parity eval --stop-when-decided` uses. Baseline of the same run: the homogeneous null above.
console.log('\nsubject-heterogeneous nulls (57 subjects × 246 items, ψ = 0.231), 1,000 comparisons each');
console.log('subject gap  order        wrong winners  equivalent (±1 pt margin)');
for (const subjectGap of [0.1, 0.2]) {
  const subjects = heterogeneousNull({ subjects: 57, itemsPerSubject: 246, discordance: 0.231, subjectGap });
  for (const order of ['by-subject', 'round-robin', 'random'] as const) {
    const started = performance.now();
    const result = simulateSequentialComparisons({ comparisons: 1000, subjects, order, seed: 21 });
    const withMargin = simulateSequentialComparisons({
      comparisons: 1000,
      subjects,
      order,
      margin: 0.01,
      seed: 21,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      [
        `±${(subjectGap * 100).toFixed(0)} pts`.padEnd(12),
        order.padEnd(12),
        `${(result.wrongDecisions / 10).toFixed(1)}%`.padEnd(14),
        `${(withMargin.equivalentDecisions / 10).toFixed(1)}% (wrong winners ${(withMargin.wrongDecisions / 10).toFixed(1)}%)  [${seconds.toFixed(1)} s]`,
      ].join(' '),
    );
  }
}
