import type { Estimate, ItemRecord, MetricSpec, RunConfig, RunSummary } from '../spec/index.ts';

/** What a comparison reads of a run: its summary and the items' status, group and scores. */
export type ComparableRun = RunSummary & {
  readonly items: readonly Pick<ItemRecord, 'itemId' | 'status' | 'scores' | 'group'>[];
};

/**
 * The least of a run `compareRuns` reads (a `ComparableRun` is one): its id, model, benchmark and protocol,
 * and its items. The view (src/report/paired-comparison.ts) builds it from what it shows.
 */
export interface PairableRun {
  readonly runId: string;
  readonly config: Pick<RunConfig, 'modelSpec' | 'benchmark' | 'protocol'>;
  readonly items: readonly Pick<ItemRecord, 'itemId' | 'status' | 'scores' | 'group'>[];
}
import { groupMeanEstimate } from '../stats/group-mean-estimate.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import { mcnemarExactTest } from '../stats/mcnemar-exact-test.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';
import { pairedDifference } from '../stats/paired-difference.ts';
import { pairedPermutationTest } from '../stats/paired-permutation-test.ts';
import { twoProportionZTest } from '../stats/two-proportion-z-test.ts';
import { wilsonInterval, Z_95 } from '../stats/wilson-interval.ts';

export type ComparisonVerdict = 'a_better' | 'b_better' | 'no_significant_difference';
export type ComparisonTestName = 'mcnemar_exact' | 'paired_permutation' | 'two_proportion_z_unpaired';

export interface ComparisonSide {
  readonly runId: string | null;
  readonly model: string;
  /** The metric over the compared items (paired) or as given (published), with its 95% interval. */
  readonly estimate: Estimate;
}

export interface Comparison {
  readonly benchmark: string | null;
  readonly protocol: string | null;
  readonly metric: string;
  readonly kind: MetricSpec['kind'];
  readonly paired: boolean;
  /** Items both runs scored (null for unpaired comparisons). */
  readonly nPaired: number | null;
  /** Scored items only one run has (left out of a paired comparison). */
  readonly unpairedItems: { readonly a: number; readonly b: number } | null;
  readonly a: ComparisonSide;
  readonly b: ComparisonSide;
  /** A − B with its 95% interval and standard error. */
  readonly difference: {
    readonly value: number;
    readonly ci95: readonly [number, number];
    readonly standardError: number;
  };
  readonly test: {
    readonly name: ComparisonTestName;
    readonly pValue: number;
    /** Discordant pairs (McNemar): items only A got right, items only B got right. */
    readonly discordant?: { readonly aOnly: number; readonly bOnly: number };
    readonly resamples?: number;
    readonly exact?: boolean;
  };
}

export interface DecidedComparison extends Comparison {
  readonly test: Comparison['test'] & { readonly pAdjusted: number };
  readonly verdict: ComparisonVerdict;
}

/** How items are grouped into independent units for the difference's interval. */
export type ClusterChoice = 'item' | 'group';

export interface ItemValue {
  readonly value: number;
  readonly group: string | undefined;
}

/** Per item: the mean of its scored samples' values of `itemScore` (pass@1 for sampled items). */
export function itemValues(run: PairableRun, itemScore: string): Map<string, ItemValue> {
  const sums = new Map<string, { sum: number; count: number; group: string | undefined }>();
  for (const record of run.items) {
    if (record.status !== 'ok') continue;
    const value = record.scores[itemScore];
    if (value === null || value === undefined) continue;
    const entry = sums.get(record.itemId) ?? { sum: 0, count: 0, group: record.group };
    entry.sum += value;
    entry.count += 1;
    sums.set(record.itemId, entry);
  }
  return new Map(
    [...sums].map(([id, entry]) => [id, { value: entry.sum / entry.count, group: entry.group }]),
  );
}

function sideEstimate(values: readonly number[], groups: readonly string[], metric: MetricSpec): Estimate {
  if (metric.aggregate !== 'group-mean') return meanEstimate(values, { kind: metric.kind });
  const byGroup = new Map<string, number[]>();
  values.forEach((value, index) => {
    const group = groups[index] ?? '';
    const list = byGroup.get(group) ?? [];
    list.push(value);
    byGroup.set(group, list);
  });
  return groupMeanEstimate(byGroup, { kind: metric.kind });
}

const isBinary = (value: number): boolean => value === 0 || value === 1;

/**
 * Run A against run B on the items both scored (paired by item id; an item's samples are averaged first).
 * Difference A − B with its 95% interval (`pairedDifference`: per item, or clustered by group with
 * `cluster: 'group'`; stratified for macro metrics). Test: exact McNemar when every paired value is 0/1 and
 * the metric is a micro mean; otherwise the paired sign-flip permutation test on the same statistic (seeded).
 */
export function compareRuns(options: {
  a: PairableRun;
  b: PairableRun;
  metric: MetricSpec;
  cluster?: ClusterChoice;
  seed?: number;
  resamples?: number;
}): Comparison {
  const { a, b, metric } = options;
  const aValues = itemValues(a, metric.itemScore);
  const bValues = itemValues(b, metric.itemScore);
  const aList: number[] = [];
  const bList: number[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  for (const [id, entry] of aValues) {
    const other = bValues.get(id);
    if (!other) continue;
    aList.push(entry.value);
    bList.push(other.value);
    groups.push(entry.group ?? other.group ?? '');
    ids.push(id);
  }
  const n = aList.length;
  const macro = metric.aggregate === 'group-mean';
  const difference = pairedDifference({
    a: aList,
    b: bList,
    aggregate: macro ? 'group-mean' : 'mean',
    groups,
    clusters: options.cluster === 'group' ? groups.map((group, index) => group || `#${ids[index]}`) : ids,
  });
  let test: Comparison['test'];
  if (!macro && aList.every(isBinary) && bList.every(isBinary)) {
    let aOnly = 0;
    let bOnly = 0;
    aList.forEach((value, index) => {
      if (value > (bList[index] ?? 0)) aOnly += 1;
      else if (value < (bList[index] ?? 0)) bOnly += 1;
    });
    test = {
      name: 'mcnemar_exact',
      pValue: mcnemarExactTest({ aOnly, bOnly }).pValue,
      discordant: { aOnly, bOnly },
    };
  } else {
    const groupSizes = new Map<string, number>();
    for (const group of groups) groupSizes.set(group, (groupSizes.get(group) ?? 0) + 1);
    const weights = macro
      ? groups.map((group) => 1 / (groupSizes.size * (groupSizes.get(group) ?? 1)))
      : undefined;
    const result = pairedPermutationTest(
      aList.map((value, index) => value - (bList[index] ?? 0)),
      {
        ...(weights ? { weights } : {}),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
      },
    );
    test = {
      name: 'paired_permutation',
      pValue: result.pValue,
      resamples: result.resamples,
      exact: result.exact,
    };
  }
  return {
    benchmark: a.config.benchmark,
    protocol: a.config.protocol,
    metric: metric.name,
    kind: metric.kind,
    paired: true,
    nPaired: n,
    unpairedItems: { a: aValues.size - n, b: bValues.size - n },
    a: { runId: a.runId, model: a.config.modelSpec, estimate: sideEstimate(aList, groups, metric) },
    b: { runId: b.runId, model: b.config.modelSpec, estimate: sideEstimate(bList, groups, metric) },
    difference: { value: difference.value, ci95: difference.ci95, standardError: difference.standardError },
    test,
  };
}

export interface PublishedSide {
  readonly value: number;
  readonly n: number;
  readonly runId?: string;
  readonly model?: string;
}

/**
 * A figure against a published one (or two published figures) by the unpaired two-proportion z-test: the
 * only test possible without per-item results, and much weaker than a paired one.
 */
export function comparePublished(options: {
  a: PublishedSide;
  b: PublishedSide;
  benchmark?: string;
  protocol?: string;
  metric?: string;
}): Comparison {
  const { a, b } = options;
  const result = twoProportionZTest({ proportionA: a.value, nA: a.n, proportionB: b.value, nB: b.n });
  const standardError = (result.ci[1] - result.ci[0]) / (2 * Z_95);
  const side = (published: PublishedSide, fallback: string): ComparisonSide => ({
    runId: published.runId ?? null,
    model: published.model ?? fallback,
    estimate: {
      value: published.value,
      ci95: wilsonInterval({ successes: published.value * published.n, n: published.n }),
      n: published.n,
      method: 'wilson',
    },
  });
  return {
    benchmark: options.benchmark ?? null,
    protocol: options.protocol ?? null,
    metric: options.metric ?? 'accuracy',
    kind: 'proportion',
    paired: false,
    nPaired: null,
    unpairedItems: null,
    a: side(a, 'published (A)'),
    b: side(b, 'published'),
    difference: { value: result.difference, ci95: result.ci, standardError },
    test: { name: 'two_proportion_z_unpaired', pValue: result.pValue },
  };
}

/**
 * Holm-adjusts the p-values of one family of comparisons (everything one `parity compare` shows) and gives
 * each its verdict: A or B better when the adjusted p ≤ `level`, by the sign of the difference.
 */
export function decideComparisons(
  comparisons: readonly Comparison[],
  options: { level: number },
): DecidedComparison[] {
  const adjusted = holmAdjust(comparisons.map((comparison) => comparison.test.pValue));
  return comparisons.map((comparison, index) => {
    const pAdjusted = adjusted[index] ?? 1;
    const significant = pAdjusted <= options.level && comparison.difference.value !== 0;
    const verdict: ComparisonVerdict = !significant
      ? 'no_significant_difference'
      : comparison.difference.value > 0
        ? 'a_better'
        : 'b_better';
    return { ...comparison, test: { ...comparison.test, pAdjusted }, verdict };
  });
}
