import type { ItemGold, MetricSpec, RunFingerprints, StoredRun } from '../spec/index.ts';
import { toItemView } from './item-view.ts';
import { buildLatencyView } from './latency-view.ts';
import type { MarginOptions } from '../analysis/decide-comparisons.ts';
import { compareRuns } from './paired-comparison.ts';
import { buildRunDetail } from './run-detail.ts';
import { buildLeaderboards, buildRunView } from './run-view.ts';
import type { ItemView, LatencyView, ReportData, RunView } from './view-model.ts';

export interface ReportRunInput {
  readonly run: StoredRun;
  /** The protocol's metrics, headline first; undefined when the protocol is unknown. */
  readonly metrics: readonly MetricSpec[] | undefined;
  readonly costUsd?: number;
  /** The run's item fingerprints (`RunStore.getFingerprints`), when it recorded them. */
  readonly fingerprints?: RunFingerprints;
  /** The run's gold answers by item id (`RunStore.getGold`), when it recorded them. */
  readonly gold?: ReadonlyMap<string, ItemGold>;
}

export interface RunViews {
  readonly view: RunView;
  readonly items: ItemView[];
  readonly latency: LatencyView;
}

/**
 * A run's views: its runs-list line, its items for the drill-down and its latency. A bench run's steps keep
 * their per-request samples out of the items (the latency view holds what the charts need).
 */
export function buildRunViews(input: ReportRunInput): RunViews {
  const scoreKey = input.metrics?.[0]?.itemScore;
  const view = buildRunView({
    ...input,
    ...(input.fingerprints ? { dataset: input.fingerprints.dataset } : {}),
  });
  const fingerprints = input.fingerprints?.items;
  const items = input.run.items.map((record) => {
    const item = toItemView(record, { scoreKey });
    const fingerprint = fingerprints?.get(record.itemId);
    const withFingerprint = fingerprint === undefined ? item : { ...item, fingerprint };
    const gold = input.gold?.get(record.itemId);
    const withGold = gold === undefined ? withFingerprint : { ...withFingerprint, ...gold };
    return input.run.kind === 'bench' ? { ...withGold, extracted: null } : withGold;
  });
  return { view, items, latency: buildLatencyView(view, input.run.items) };
}

/**
 * Everything a self-contained report shows, for the given runs in the given order: runs, leaderboards,
 * comparisons (the first run of each protocol against the others), latency distributions and every item.
 */
export function buildReportData(options: {
  runs: readonly ReportRunInput[];
  generatedAt: string;
  /** `parity report --margin`: comparisons answer "is B as good as A?" within it. */
  margin?: MarginOptions;
}): ReportData {
  const built = options.runs.map(buildRunViews);
  const details = Object.fromEntries(
    options.runs.flatMap((input, index) => {
      const view = built[index]?.view;
      return view ? [[view.runId, buildRunDetail({ run: input.run, view, metrics: input.metrics })]] : [];
    }),
  );
  const itemsByRun = new Map(built.map(({ view, items }) => [view.runId, items]));
  const runs = built.map(({ view }) => view);
  return {
    version: 1,
    generatedAt: options.generatedAt,
    runs,
    leaderboards: buildLeaderboards(runs),
    comparisons: compareRuns(runs, (runId) => itemsByRun.get(runId) ?? [], {
      ...(options.margin ? { margin: options.margin } : {}),
    }),
    latency: built.map(({ latency }) => latency),
    items: Object.fromEntries(itemsByRun),
    details,
    ...(options.margin ? { margin: options.margin } : {}),
  };
}
