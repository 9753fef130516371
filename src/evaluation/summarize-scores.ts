import type { Estimate, MetricSpec } from '../spec/index.ts';
import { groupMeanEstimate } from '../stats/group-mean-estimate.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';

/** One scored unit: an item (or one sample of it, or one judged turn) with its per-item scores. */
export interface ScoredItem {
  readonly itemId: string;
  readonly group?: string;
  /**
   * The independent unit this one belongs to; units of one cluster are not counted as independent. Default:
   * `itemId`, so that the samples of one item share a cluster. MT-Bench turns set it to their question.
   */
  readonly cluster?: string;
  readonly scores: Readonly<Record<string, number | null>>;
}

export interface ScoreSummary {
  /** Run-level estimate of every metric, in the protocol's order (headline first). */
  readonly metrics: Readonly<Record<string, Estimate>>;
  /** Per group (subject, language, task): the per-item metrics of that group. Empty when items have no group. */
  readonly groups: Readonly<Record<string, Readonly<Record<string, Estimate>>>>;
  /** Items with at least one unscored (null) metric. */
  readonly unscored: number;
}

/**
 * What the intervals of micro ('mean') metrics treat as independent: 'item' (default) — items, with units
 * of one item (samples, turns, instructions) clustered; 'group' — groups (MMLU subjects) as clusters, method
 * 'clustered-by-group' (docs/decisions/0043-per-run-intervals.md). Macro and per-group figures always use
 * items: within a group, the group is no cluster.
 */
export type SummaryClustering = 'item' | 'group';

/** Values of one metric (overall or in one group) with the cluster of each. */
interface ClusteredValues {
  readonly values: number[];
  readonly clusters: string[];
}

function push(map: Map<string, ClusteredValues>, key: string, value: number, cluster: string): void {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = { values: [], clusters: [] }));
  entry.values.push(value);
  entry.clusters.push(cluster);
}

/**
 * Turns per-item scores into run-level estimates with 95% intervals. Unscored (null) values are left out of
 * their metric; they are counted in `unscored`, never counted as wrong. Intervals: Wilson (proportions) or
 * normal (graded) when every unit is its own cluster; the cluster-robust interval when units share a cluster
 * (`ScoredItem.cluster`, default the item id); the stratified normal interval for macro ('group-mean') metrics.
 */
export function summarizeScores(
  items: readonly ScoredItem[],
  metrics: readonly MetricSpec[],
  options: { clustering?: SummaryClustering } = {},
): ScoreSummary {
  const result: Record<string, Estimate> = {};
  const groupValues = new Map<string, Map<string, ClusteredValues>>();
  const byGroupCluster = options.clustering === 'group';
  let unscored = 0;
  for (const item of items) {
    if (Object.values(item.scores).some((value) => value === null)) unscored += 1;
  }
  const addGroupValues = (metricName: string, byGroup: Map<string, ClusteredValues>): void => {
    for (const [group, entry] of byGroup) {
      let perMetric = groupValues.get(group);
      if (!perMetric) groupValues.set(group, (perMetric = new Map()));
      perMetric.set(metricName, entry);
    }
  };
  for (const metric of metrics) {
    if (metric.denominator !== undefined) {
      const { overall, byGroup } = ratioUnits(items, metric, metric.denominator);
      result[metric.name] = meanEstimate(overall.values, { kind: 'proportion', clusters: overall.clusters });
      addGroupValues(metric.name, byGroup);
      continue;
    }
    const byGroup = new Map<string, ClusteredValues>();
    const all: ClusteredValues = { values: [], clusters: [] };
    const groupClusters: string[] = [];
    for (const item of items) {
      const value = item.scores[metric.itemScore];
      if (value === null || value === undefined) continue;
      const cluster = item.cluster ?? item.itemId;
      all.values.push(value);
      all.clusters.push(cluster);
      groupClusters.push(item.group === undefined ? `item:${cluster}` : `group:${item.group}`);
      if (item.group !== undefined) push(byGroup, item.group, value, cluster);
    }
    if (metric.aggregate === 'group-mean') {
      result[metric.name] = groupMeanEstimate(
        new Map([...byGroup].map(([group, entry]) => [group, entry.values])),
        {
          kind: metric.kind,
          clusters: new Map([...byGroup].map(([group, entry]) => [group, entry.clusters])),
          ...(metric.groupWeights === undefined ? {} : { weights: metric.groupWeights }),
        },
      );
    } else {
      result[metric.name] = byGroupCluster
        ? meanEstimate(all.values, {
            kind: metric.kind,
            clusters: groupClusters,
            clusterMethod: 'clustered-by-group',
          })
        : meanEstimate(all.values, { kind: metric.kind, clusters: all.clusters });
    }
    // Per-group values come from 'mean' metrics; a 'group-mean' metric adds them only when no 'mean' metric reads
    // the same item score (MGSM and BBH report just the mean over languages or tasks, yet list every group).
    const groupedElsewhere = metrics.some(
      (other) => other.aggregate === 'mean' && other.itemScore === metric.itemScore,
    );
    if (metric.perGroup !== false && (metric.aggregate === 'mean' || !groupedElsewhere)) {
      addGroupValues(metric.name, byGroup);
    }
  }
  const groups: Record<string, Record<string, Estimate>> = {};
  for (const group of [...groupValues.keys()].sort()) {
    const perMetric: Record<string, Estimate> = {};
    for (const metric of metrics) {
      // Stryker disable next-line OptionalChaining: `group` comes from groupValues' own keys, so get(group) is never undefined
      const entry = groupValues.get(group)?.get(metric.name);
      const kind = metric.denominator === undefined ? metric.kind : 'proportion';
      if (entry) perMetric[metric.name] = meanEstimate(entry.values, { kind, clusters: entry.clusters });
    }
    groups[group] = perMetric;
  }
  return { metrics: result, groups, unscored };
}

/** `successes` ones then zeros up to `total`, all in `cluster`: a ratio of counts as 0/1 units. */
function pushBinaryUnits(
  target: ClusteredValues,
  options: { successes: number; total: number; cluster: string },
): void {
  const total = Math.max(0, Math.round(options.total));
  for (let index = 0; index < total; index += 1) {
    target.values.push(index < options.successes ? 1 : 0);
    target.clusters.push(options.cluster);
  }
}

/**
 * A ratio metric (`MetricSpec.denominator`): Σ itemScore / Σ denominator as 0/1 units (IFEval: one unit per
 * instruction given, 1 when followed), each unit in its item's cluster — the instructions of one prompt share
 * a response. The mean of these units is the ratio; their clustered interval is the ratio estimator's
 * cluster-robust interval. With `groupsFromScoreKeys` the same per group from the `<itemScore>/<group>` and
 * `<denominator>/<group>` item scores.
 */
function ratioUnits(
  items: readonly ScoredItem[],
  metric: MetricSpec,
  denominator: string,
): { overall: ClusteredValues; byGroup: Map<string, ClusteredValues> } {
  const overall: ClusteredValues = { values: [], clusters: [] };
  const byGroup = new Map<string, ClusteredValues>();
  const prefix = `${metric.itemScore}/`;
  for (const item of items) {
    const value = item.scores[metric.itemScore];
    const count = item.scores[denominator];
    if (value === null || value === undefined || count === null || count === undefined) continue;
    const cluster = item.cluster ?? item.itemId;
    pushBinaryUnits(overall, { successes: value, total: count, cluster });
    if (!metric.groupsFromScoreKeys) continue;
    for (const [key, groupValue] of Object.entries(item.scores)) {
      if (!key.startsWith(prefix) || groupValue === null) continue;
      const group = key.slice(prefix.length);
      let entry = byGroup.get(group);
      if (!entry) byGroup.set(group, (entry = { values: [], clusters: [] }));
      pushBinaryUnits(entry, {
        successes: groupValue,
        total: item.scores[`${denominator}/${group}`] ?? 0,
        cluster,
      });
    }
  }
  return { overall, byGroup };
}
