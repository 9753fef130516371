// `node --import tsx bench/sequential-stopping.ts`: how `parity eval --stop-when-decided` behaves, by seeded
// simulation of paired 0/1 comparisons (src/stats/simulate-sequential-comparisons.ts). Prints, never fails.
// For each plan size and discordance: the share of wrong winners with no true gap, and with a 3-point gap the
// share decided and the mean items drawn — against the whole plan and against the fixed-size design that
// `parity plan` would pick (80% power, α = 0.05).
import { pairedBinarySampleSize } from '../src/stats/paired-sample-size.ts';
import { simulateSequentialComparisons } from '../src/stats/simulate-sequential-comparisons.ts';

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
