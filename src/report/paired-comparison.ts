import type { MetricSpec } from '../spec/index.ts';
import {
  compareRuns as compareStoredRuns,
  decideComparisons,
  itemValues,
  mismatchedItemIds,
  type Comparison,
  type DecidedComparison,
  type MarginOptions,
  type PairableRun,
} from '../analysis/compare-runs.ts';
import type { ComparisonView, IntervalView, ItemView, RunView } from './view-model.ts';

/** Significance level of the verdicts (after Holm's adjustment across the comparisons shown together). */
export const verdictAlpha = 0.05;

const methods: Record<Comparison['test']['name'], string> = {
  mcnemar_exact:
    'exact McNemar test on the discordant pairs, Holm-adjusted across the comparisons shown, as parity compare; A − B with the exact interval that inverts it (Clopper–Pearson on the discordant items × their share), at the Holm level',
  paired_t:
    'paired t-test over items (samples of an item averaged), Holm-adjusted across the comparisons shown, as parity compare; A − B with the t interval at the Holm level',
  stratified_z:
    'z-test on the stratified (per-group) standard error, Holm-adjusted across the comparisons shown, as parity compare; A − B with the matching normal interval at the Holm level',
  clustered_z:
    'z-test on the cluster-robust standard error, Holm-adjusted, as parity compare; A − B with the matching normal interval',
  two_proportion_wald_unpaired: 'unpaired two-proportion Wald z-test with the Wald interval',
};

/** The view's per-item headline scores as the runs `parity compare` reads (score key 'score'). */
function pairableRun(run: RunView, items: readonly ItemView[]): PairableRun {
  const fingerprints = new Map<string, string>();
  for (const item of items)
    if (item.fingerprint !== undefined) fingerprints.set(item.itemId, item.fingerprint);
  return {
    ...(fingerprints.size > 0 ? { fingerprints } : {}),
    runId: run.runId,
    config: { modelSpec: run.model, benchmark: run.benchmark, protocol: run.protocol },
    items: items.map((item) => ({
      itemId: item.itemId,
      status: item.status,
      group: item.group ?? undefined,
      scores: { score: item.score },
    })),
  };
}

function headlineMetric(a: RunView, b: RunView): MetricSpec {
  const headline = a.headline ?? b.headline;
  return {
    name: headline?.name ?? 'score',
    itemScore: 'score',
    aggregate: headline?.aggregate ?? 'mean',
    kind: headline?.kind ?? 'proportion',
  };
}

interface Pending {
  readonly comparison: Comparison;
  readonly a: RunView;
  readonly b: RunView;
  readonly aBetterCount: number;
  readonly bBetterCount: number;
}

/**
 * Run A against run B with `compareRuns` of `parity compare` (src/analysis/compare-runs.ts): paired by item id
 * with an item's samples averaged, the same interval, the same test (exact McNemar for 0/1 scores of a micro
 * mean, the seeded paired permutation test otherwise, stratified for macro headlines).
 */
function pendingComparison(options: {
  a: RunView;
  b: RunView;
  aItems: readonly ItemView[];
  bItems: readonly ItemView[];
}): Pending {
  const aRun = pairableRun(options.a, options.aItems);
  const bRun = pairableRun(options.b, options.bItems);
  const metric = headlineMetric(options.a, options.b);
  // The view shows whatever runs are picked: items whose content differs are left out (and counted).
  const comparison = compareStoredRuns({ a: aRun, b: bRun, metric, allowMismatchedItems: true });
  const bValues = itemValues(bRun, metric.itemScore);
  const mismatched = mismatchedItemIds(aRun, bRun, bValues.keys());
  let aBetterCount = 0;
  let bBetterCount = 0;
  for (const [id, entry] of itemValues(aRun, metric.itemScore)) {
    const other = bValues.get(id);
    if (!other || mismatched.has(id)) continue;
    if (entry.value > other.value) aBetterCount += 1;
    if (entry.value < other.value) bBetterCount += 1;
  }
  return { comparison, a: options.a, b: options.b, aBetterCount, bBetterCount };
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function comparisonView(pending: Pending, decided: DecidedComparison): ComparisonView {
  const { comparison, a, b } = pending;
  const n = comparison.nPaired ?? 0;
  const bounds = decided.verdictInterval.bounds;
  const difference: IntervalView = {
    value: n === 0 ? null : finite(comparison.difference.value),
    ci95: [finite(bounds[0]), finite(bounds[1])],
    n,
  };
  return {
    benchmark: a.benchmark,
    protocol: a.protocol,
    metric: comparison.metric,
    kind: comparison.kind,
    nPaired: n,
    a: { runId: a.runId, model: a.model, value: n === 0 ? null : finite(comparison.a.estimate.value) },
    b: { runId: b.runId, model: b.model, value: n === 0 ? null : finite(comparison.b.estimate.value) },
    difference,
    ...(decided.verdictInterval.clipped && n > 0 ? { differenceClipped: true as const } : {}),
    aBetterCount: pending.aBetterCount,
    bBetterCount: pending.bBetterCount,
    test: {
      name: comparison.test.name,
      pValue: n === 0 ? null : comparison.test.pValue,
      pAdjusted: n === 0 ? null : decided.test.pAdjusted,
    },
    verdict: n === 0 ? 'no_significant_difference' : decided.verdict,
    intervalLevel: decided.verdictInterval.level,
    mismatchedItems: comparison.mismatchedItems,
    method: methods[comparison.test.name],
    ...(decided.margin && n > 0
      ? {
          margin: {
            mode: decided.margin.mode,
            margin: decided.margin.margin,
            verdict: decided.margin.verdict,
            better: decided.margin.better,
            intervalLevel: decided.margin.interval.level,
            ci: [finite(decided.margin.interval.bounds[0]), finite(decided.margin.interval.bounds[1])],
            test: decided.margin.test.name,
            pAdjusted: decided.margin.test.pAdjusted,
            itemsNeeded: decided.margin.itemsNeeded,
          },
        }
      : {}),
  };
}

/** Holm-adjusts across the comparisons shown together and gives verdicts, as `parity compare` does. */
function decide(pendings: readonly Pending[], margin: MarginOptions | undefined): ComparisonView[] {
  const decided = decideComparisons(
    pendings.map((pending) => pending.comparison),
    { level: verdictAlpha, ...(margin ? { margin } : {}) },
  );
  return pendings.map((pending, index) => comparisonView(pending, decided[index] as DecidedComparison));
}

/** Run A against run B on paired items; alone, the verdict uses its own p-value. */
export function comparePairedRuns(options: {
  a: RunView;
  b: RunView;
  aItems: readonly ItemView[];
  bItems: readonly ItemView[];
  margin?: MarginOptions;
}): ComparisonView {
  return decide([pendingComparison(options)], options.margin)[0] as ComparisonView;
}

/** A against each of `others` on paired items, p-values Holm-adjusted across them. */
export function compareAgainst(options: {
  a: RunView;
  aItems: readonly ItemView[];
  others: readonly { run: RunView; items: readonly ItemView[] }[];
  /** `--margin` of parity compare: adds the equivalence (or non-inferiority) verdict. */
  margin?: MarginOptions;
}): ComparisonView[] {
  return decide(
    options.others.map((other) =>
      pendingComparison({ a: options.a, b: other.run, aItems: options.aItems, bItems: other.items }),
    ),
    options.margin,
  );
}

/**
 * Comparisons for a report: the first run of each benchmark and protocol against every later eval run with
 * the same benchmark and protocol, p-values Holm-adjusted across all of them. `itemsOf` gives a run's items.
 */
export function compareRuns(
  runs: readonly RunView[],
  itemsOf: (runId: string) => readonly ItemView[],
  options: { margin?: MarginOptions } = {},
): ComparisonView[] {
  const pendings: Pending[] = [];
  const firstByProtocol = new Map<string, RunView>();
  for (const run of runs) {
    if (run.kind !== 'eval') continue;
    const key = `${run.benchmark}\u0000${run.protocol}`;
    const first = firstByProtocol.get(key);
    if (!first) {
      firstByProtocol.set(key, run);
      continue;
    }
    pendings.push(
      pendingComparison({ a: first, b: run, aItems: itemsOf(first.runId), bItems: itemsOf(run.runId) }),
    );
  }
  return decide(pendings, options.margin);
}
