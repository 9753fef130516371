// `node --import tsx bench/sequential-stopping.ts`: how `parity eval --stop-when-decided` behaves, by seeded
// simulation of paired 0/1 comparisons (src/stats/simulate-sequential-comparisons.ts). Prints, never fails.
// For each plan size and discordance: the share of wrong winners with no true gap, and with a 3-point gap the
// share decided and the mean items drawn — against the whole plan and against the fixed-size design that
// `parity plan` would pick (80% power, α = 0.05).
import { pairedBinarySampleSize } from '../src/stats/paired-sample-size.ts';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsv } from '../src/datasets/csv.ts';
import {
  heterogeneousNull,
  simulateSequentialComparisons,
  type SimulatedSubject,
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

// Subject-heterogeneous nulls (issue 13): overall accuracies equal, subjects that favour one model. The same
// seeded comparisons with the items in the order a reference run stored them (subject by subject, round-robin)
// and in the seeded random order `parity eval --stop-when-decided` uses (the baseline of this run: the
// homogeneous null above). Synthetic: 56 subjects of 250 items (about a full MMLU plan), the first half favouring A
// by 20 points, the rest B. Real: the per-subject A-only / B-only rates of GPT-4-1106 and Mixtral-8x7B on
// MMLU (RouteLLM's results, when ../shared/datasets is present) with A's rates scaled so the gap is 0.
function realMmluNull(): SimulatedSubject[] | undefined {
  const directory = resolve(import.meta.dirname, '../../shared/datasets/mmlu/routellm_responses');
  if (!existsSync(directory)) return undefined;
  const subjects = readdirSync(directory)
    .filter((name) => /^mmlu_.*\.csv$/.test(name))
    .sort()
    .map((name) => {
      const [, ...rows] = parseCsv(readFileSync(join(directory, name), 'utf8'), { file: name });
      const a = rows.filter((row) => row.fields[2] === 'True' && row.fields[1] !== 'True').length;
      const b = rows.filter((row) => row.fields[1] === 'True' && row.fields[2] !== 'True').length;
      return { items: rows.length, aOnly: a / rows.length, bOnly: b / rows.length };
    });
  const aTotal = subjects.reduce((sum, subject) => sum + subject.items * subject.aOnly, 0);
  const bTotal = subjects.reduce((sum, subject) => sum + subject.items * subject.bOnly, 0);
  return subjects.map((subject) => ({ ...subject, aOnly: (subject.aOnly * bTotal) / aTotal }));
}

const nulls: [string, SimulatedSubject[] | undefined][] = [
  [
    'synthetic ±20 pts',
    heterogeneousNull({ subjects: 56, itemsPerSubject: 250, discordance: 0.231, subjectGap: 0.2 }),
  ],
  ['RouteLLM MMLU', realMmluNull()],
];
console.log('\nsubject-heterogeneous nulls, 1,000 comparisons each');
console.log('null               order        wrong winners  equivalent (±1 pt margin)');
for (const [name, subjects] of nulls) {
  if (!subjects) {
    console.log(`${name.padEnd(18)} skipped: ../shared/datasets/mmlu/routellm_responses not present`);
    continue;
  }
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
        name.padEnd(18),
        order.padEnd(12),
        `${(result.wrongDecisions / 10).toFixed(1)}%`.padEnd(14),
        `${(withMargin.equivalentDecisions / 10).toFixed(1)}% (wrong winners ${(withMargin.wrongDecisions / 10).toFixed(1)}%)  [${seconds.toFixed(1)} s]`,
      ].join(' '),
    );
  }
}
