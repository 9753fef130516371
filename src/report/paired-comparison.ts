import { holmAdjust } from '../stats/holm-adjust.ts';
import { mcnemarExactTest } from '../stats/mcnemar-exact-test.ts';
import { twoSidedNormalPValue } from '../stats/normal-distribution.ts';
import { pairedDifference } from '../stats/paired-difference.ts';
import type { ComparisonView, ItemView, RunView, Verdict } from './view-model.ts';

/** Significance level of the verdicts (after Holm's adjustment across the comparisons shown together). */
export const verdictAlpha = 0.05;

const binaryMethod =
  'exact McNemar test on the discordant pairs, Holm-adjusted across the comparisons shown; A − B with a paired 95% interval (items clustered by id)';
const gradedMethod =
  'paired z-test on per-item differences, Holm-adjusted across the comparisons shown; A − B with a paired 95% interval (items clustered by id)';

/**
 * Run A against run B on the items both scored, paired by `key` (item id and sample). The difference A − B
 * comes with a paired 95% interval (src/stats pairedDifference, samples of one item clustered). 0/1 scores
 * are tested with the exact McNemar test, other scores with a paired z-test. The verdict is left to
 * `withVerdicts`, which adjusts p-values across comparisons; alone, a comparison's verdict uses its own p.
 */
export function comparePairedRuns(options: {
  a: RunView;
  b: RunView;
  aItems: readonly ItemView[];
  bItems: readonly ItemView[];
}): ComparisonView {
  return withVerdicts([pairedComparison(options)])[0] as ComparisonView;
}

function pairedComparison(options: {
  a: RunView;
  b: RunView;
  aItems: readonly ItemView[];
  bItems: readonly ItemView[];
}): ComparisonView {
  const { a, b } = options;
  const bByKey = new Map(options.bItems.map((item) => [item.key, item]));
  const aScores: number[] = [];
  const bScores: number[] = [];
  const clusters: string[] = [];
  let aBetterCount = 0;
  let bBetterCount = 0;
  let binary = true;
  for (const item of options.aItems) {
    const other = bByKey.get(item.key);
    if (item.score === null || other?.score == null) continue;
    aScores.push(item.score);
    bScores.push(other.score);
    clusters.push(item.itemId);
    if ((item.score !== 0 && item.score !== 1) || (other.score !== 0 && other.score !== 1)) binary = false;
    if (item.score > other.score) aBetterCount += 1;
    if (item.score < other.score) bBetterCount += 1;
  }
  const n = aScores.length;
  const mean = (values: readonly number[]): number | null =>
    n === 0 ? null : values.reduce((total, value) => total + value, 0) / n;
  let difference: ComparisonView['difference'] = { value: null, ci95: [null, null], n };
  let pValue: number | null = null;
  if (n > 1) {
    const paired = pairedDifference({ a: aScores, b: bScores, clusters });
    const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
    difference = { value: paired.value, ci95: [finite(paired.ci95[0]), finite(paired.ci95[1])], n };
    if (binary) pValue = mcnemarExactTest({ aOnly: aBetterCount, bOnly: bBetterCount }).pValue;
    else if (paired.standardError > 0) pValue = twoSidedNormalPValue(paired.value / paired.standardError);
    else pValue = paired.value === 0 ? 1 : 0;
  }
  return {
    benchmark: a.benchmark,
    protocol: a.protocol,
    metric: a.headline?.name ?? b.headline?.name ?? 'score',
    kind: a.headline?.kind ?? 'proportion',
    nPaired: n,
    a: { runId: a.runId, model: a.model, value: mean(aScores) },
    b: { runId: b.runId, model: b.model, value: mean(bScores) },
    difference,
    aBetterCount,
    bBetterCount,
    test: { name: binary ? 'mcnemar_exact' : 'paired_z', pValue, pAdjusted: pValue },
    verdict: 'no_significant_difference',
    method: binary ? binaryMethod : gradedMethod,
  };
}

/** Holm-adjusts the p-values of comparisons shown together and sets each verdict at `verdictAlpha`. */
export function withVerdicts(comparisons: readonly ComparisonView[]): ComparisonView[] {
  const tested = comparisons.filter((comparison) => comparison.test.pValue !== null);
  const adjusted = holmAdjust(tested.map((comparison) => comparison.test.pValue ?? 1));
  return comparisons.map((comparison) => {
    const index = tested.indexOf(comparison);
    const pAdjusted = index < 0 ? null : (adjusted[index] ?? null);
    const value = comparison.difference.value;
    let verdict: Verdict = 'no_significant_difference';
    if (pAdjusted !== null && pAdjusted < verdictAlpha && value !== null && value !== 0) {
      verdict = value > 0 ? 'a_better' : 'b_better';
    }
    return { ...comparison, test: { ...comparison.test, pAdjusted }, verdict };
  });
}

/** A against each of `others` on paired items, p-values Holm-adjusted across them. */
export function compareAgainst(options: {
  a: RunView;
  aItems: readonly ItemView[];
  others: readonly { run: RunView; items: readonly ItemView[] }[];
}): ComparisonView[] {
  return withVerdicts(
    options.others.map((other) =>
      pairedComparison({ a: options.a, b: other.run, aItems: options.aItems, bItems: other.items }),
    ),
  );
}

/**
 * Comparisons for a report: the first run of each benchmark and protocol against every later eval run with
 * the same benchmark and protocol, p-values Holm-adjusted across all of them. `itemsOf` gives a run's items.
 */
export function compareRuns(
  runs: readonly RunView[],
  itemsOf: (runId: string) => readonly ItemView[],
): ComparisonView[] {
  const comparisons: ComparisonView[] = [];
  const firstByProtocol = new Map<string, RunView>();
  for (const run of runs) {
    if (run.kind !== 'eval') continue;
    const key = `${run.benchmark}\u0000${run.protocol}`;
    const first = firstByProtocol.get(key);
    if (!first) {
      firstByProtocol.set(key, run);
      continue;
    }
    comparisons.push(
      pairedComparison({ a: first, b: run, aItems: itemsOf(first.runId), bItems: itemsOf(run.runId) }),
    );
  }
  return withVerdicts(comparisons);
}
