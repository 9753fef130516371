import type { Estimate, ItemRecord, MetricSpec, RunConfig, RunSummary } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';

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
  /** Content fingerprint per item id (`itemFingerprint`); absent for runs stored before fingerprints. */
  readonly fingerprints?: ReadonlyMap<string, string>;
}

/** Runs that share item ids whose content differs: comparing them would pair different questions. */
export class MismatchedItemsError extends InputError {
  readonly mismatched: number;
  constructor(options: { a: string; b: string; mismatched: number; shared: number }) {
    super(
      `runs ${options.a} and ${options.b} share ${options.shared} item ids but ${options.mismatched} of them differ in content (question, choices or answer): they ran on different data; compare runs on the same data, or pass --allow-mismatched-items to pair only identical items`,
    );
    this.name = 'MismatchedItemsError';
    this.mismatched = options.mismatched;
  }
}

/**
 * Item ids both runs scored whose fingerprints differ (or are missing on one side), when both runs have
 * fingerprints; an empty set when either has none (older runs: paired by id only).
 */
export function mismatchedItemIds(a: PairableRun, b: PairableRun, shared: Iterable<string>): Set<string> {
  const mismatched = new Set<string>();
  if (!a.fingerprints || !b.fingerprints || a.fingerprints.size === 0 || b.fingerprints.size === 0)
    return mismatched;
  for (const id of shared) {
    const mine = a.fingerprints.get(id);
    if (mine === undefined || mine !== b.fingerprints.get(id)) mismatched.add(id);
  }
  return mismatched;
}
import type { DifferenceInference } from '../stats/difference-inference.ts';
import { clippedInference, intervalClipped } from '../stats/clipped-inference.ts';
import { twoSidedPValue } from '../stats/difference-inference.ts';
import { groupMeanEstimate } from '../stats/group-mean-estimate.ts';
import {
  locationInference,
  pairedTInference,
  waldTwoProportionInference,
} from '../stats/location-inference.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';
import { mcnemarExactInference, tangoScoreInference } from '../stats/paired-binary-inference.ts';
import { pairedDifference } from '../stats/paired-difference.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';

export { decideComparisons } from './decide-comparisons.ts';
export type { DecidedComparison, MarginDecision, MarginOptions } from './decide-comparisons.ts';

/** The values a difference of two proportions can take. */
const proportionDifferenceRange = [-1, 1] as const;

export type ComparisonVerdict = 'a_better' | 'b_better' | 'no_significant_difference';
/**
 * The test of "no difference", each with the interval that inverts it (docs/statistics.md): exact McNemar
 * (0/1 scores of a micro mean; Clopper–Pearson interval of the discordant split), the paired t-test (graded
 * scores), z-tests on the stratified (macro metrics) or cluster-robust (`--cluster group`) standard error, and
 * the unpaired Wald test for published figures.
 */
export type ComparisonTestName =
  'mcnemar_exact' | 'paired_t' | 'stratified_z' | 'clustered_z' | 'two_proportion_wald_unpaired';

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
  /** A − B with the 95% interval of the test's own method, and a standard error (normal scale). */
  readonly difference: {
    readonly value: number;
    readonly ci95: readonly [number, number];
    readonly standardError: number;
    /** `ci95` reached past ±1 (a difference of proportions) and was clipped. */
    readonly clipped: boolean;
  };
  readonly test: {
    readonly name: ComparisonTestName;
    readonly pValue: number;
    /** Discordant pairs (McNemar): items only A got right, items only B got right. */
    readonly discordant?: { readonly aOnly: number; readonly bOnly: number };
    /** Degrees of freedom (paired t-test). */
    readonly df?: number;
  };
  /** The test of "no difference" with the interval that inverts it. */
  readonly inference: DifferenceInference;
  /** The tests against a margin (TOST, non-inferiority) with their interval: Tango's score for 0/1 pairs. */
  readonly marginInference: DifferenceInference;
  /** Items behind the comparison, for "about how many items would decide it" (per model when unpaired). */
  readonly items: number;
  /** Shared item ids left out because their content differs (--allow-mismatched-items). */
  readonly mismatchedItems: number;
  /** Whether both runs had item fingerprints, so pairs were checked to be the same item. */
  readonly fingerprintsChecked: boolean;
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
  return groupMeanEstimate(byGroup, {
    kind: metric.kind,
    ...(metric.groupWeights === undefined ? {} : { weights: metric.groupWeights }),
  });
}

const isBinary = (value: number): boolean => value === 0 || value === 1;

/**
 * Run A against run B on the items both scored (paired by item id; an item's samples are averaged first).
 * Difference A − B (`pairedDifference`: per item, or clustered by group with `cluster: 'group'`; stratified for
 * macro metrics) with the test of `ComparisonTestName` and the 95% interval of the same method, so that the
 * interval excludes 0 exactly when the test rejects at 5%.
 */
export function compareRuns(options: {
  a: PairableRun;
  b: PairableRun;
  metric: MetricSpec;
  cluster?: ClusterChoice;
  /** Pair only identical items instead of refusing runs whose shared ids differ in content. */
  allowMismatchedItems?: boolean;
}): Comparison {
  const { a, b, metric } = options;
  const aValues = itemValues(a, metric.itemScore);
  const bValues = itemValues(b, metric.itemScore);
  const shared = [...aValues.keys()].filter((id) => bValues.has(id));
  const mismatched = mismatchedItemIds(a, b, shared);
  if (mismatched.size > 0 && !options.allowMismatchedItems) {
    throw new MismatchedItemsError({
      a: a.runId,
      b: b.runId,
      mismatched: mismatched.size,
      shared: shared.length,
    });
  }
  const aList: number[] = [];
  const bList: number[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  for (const [id, entry] of aValues) {
    const other = bValues.get(id);
    if (!other || mismatched.has(id)) continue;
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
    ...(metric.groupWeights === undefined ? {} : { weights: metric.groupWeights }),
    clusters: options.cluster === 'group' ? groups.map((group, index) => group || `#${ids[index]}`) : ids,
  });
  const binary = aList.every(isBinary) && bList.every(isBinary);
  let test: Comparison['test'];
  let inference: DifferenceInference;
  let marginInference: DifferenceInference;
  if (!macro && options.cluster !== 'group' && binary) {
    let aOnly = 0;
    let bOnly = 0;
    aList.forEach((value, index) => {
      if (value > (bList[index] ?? 0)) aOnly += 1;
      else if (value < (bList[index] ?? 0)) bOnly += 1;
    });
    inference = mcnemarExactInference({ aOnly, bOnly, n });
    marginInference = tangoScoreInference({ aOnly, bOnly, n });
    test = { name: 'mcnemar_exact', pValue: twoSidedPValue(inference), discordant: { aOnly, bOnly } };
  } else if (!macro && options.cluster !== 'group') {
    inference = pairedTInference(aList.map((value, index) => value - (bList[index] ?? 0)));
    marginInference = inference;
    test = { name: 'paired_t', pValue: twoSidedPValue(inference), df: n - 1 };
  } else {
    const name = macro ? 'stratified_z' : 'clustered_z';
    inference = locationInference({
      method: name,
      estimate: difference.value,
      standardError: difference.standardError,
    });
    marginInference = inference;
    test = { name, pValue: twoSidedPValue(inference) };
  }
  if (metric.kind === 'proportion') {
    // A difference of proportions lies in [-1, 1]; normal and t intervals can reach past it on few items.
    inference = clippedInference(inference, proportionDifferenceRange);
    marginInference = clippedInference(marginInference, proportionDifferenceRange);
  }
  return {
    benchmark: a.config.benchmark,
    protocol: a.config.protocol,
    metric: metric.name,
    kind: metric.kind,
    paired: true,
    nPaired: n,
    unpairedItems: { a: aValues.size - shared.length, b: bValues.size - shared.length },
    a: { runId: a.runId, model: a.config.modelSpec, estimate: sideEstimate(aList, groups, metric) },
    b: { runId: b.runId, model: b.config.modelSpec, estimate: sideEstimate(bList, groups, metric) },
    difference: {
      value: difference.value,
      ci95: inference.interval(0.95),
      standardError: difference.standardError,
      clipped: intervalClipped(inference, 0.95),
    },
    test,
    inference,
    marginInference,
    items: n,
    mismatchedItems: mismatched.size,
    fingerprintsChecked: Boolean(a.fingerprints?.size && b.fingerprints?.size),
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
  const inference = clippedInference(
    waldTwoProportionInference({ proportionA: a.value, nA: a.n, proportionB: b.value, nB: b.n }),
    proportionDifferenceRange,
  );
  const standardError = Math.sqrt((a.value * (1 - a.value)) / a.n + (b.value * (1 - b.value)) / b.n);
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
    difference: {
      value: inference.estimate,
      ci95: inference.interval(0.95),
      standardError,
      clipped: intervalClipped(inference, 0.95),
    },
    test: { name: 'two_proportion_wald_unpaired', pValue: twoSidedPValue(inference) },
    inference,
    marginInference: inference,
    items: a.n,
    mismatchedItems: 0,
    fingerprintsChecked: false,
  };
}
