import type { Estimate, MetricSpec } from '../spec/index.ts';
import { groupMeanEstimate } from '../stats/group-mean-estimate.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';

/** One scored unit: an item (or one sample of it) with its per-item scores. */
export interface ScoredItem {
  readonly itemId: string;
  readonly group?: string;
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
 * Turns per-item scores into run-level estimates with 95% intervals. Unscored (null) values are left out of
 * their metric; they are counted in `unscored`, never counted as wrong.
 */
export function summarizeScores(items: readonly ScoredItem[], metrics: readonly MetricSpec[]): ScoreSummary {
  const result: Record<string, Estimate> = {};
  const groupValues = new Map<string, Map<string, number[]>>();
  let unscored = 0;
  for (const item of items) {
    if (Object.values(item.scores).some((value) => value === null)) unscored += 1;
  }
  for (const metric of metrics) {
    if (metric.denominator !== undefined) {
      result[metric.name] = ratioMetric(items, metric, metric.denominator, groupValues);
      continue;
    }
    const byGroup = new Map<string, number[]>();
    const all: number[] = [];
    for (const item of items) {
      const value = item.scores[metric.itemScore];
      if (value === null || value === undefined) continue;
      all.push(value);
      if (item.group !== undefined) {
        let values = byGroup.get(item.group);
        if (!values) byGroup.set(item.group, (values = []));
        values.push(value);
      }
    }
    result[metric.name] =
      metric.aggregate === 'group-mean'
        ? groupMeanEstimate(byGroup, { kind: metric.kind })
        : meanEstimate(all, { kind: metric.kind });
    // Per-group values come from 'mean' metrics; a 'group-mean' metric adds them only when no 'mean' metric reads
    // the same item score (MGSM and BBH report just the mean over languages or tasks, yet list every group).
    const groupedElsewhere = metrics.some(
      (other) => other.aggregate === 'mean' && other.itemScore === metric.itemScore,
    );
    if (metric.aggregate === 'mean' || !groupedElsewhere) {
      for (const [group, values] of byGroup) {
        let perMetric = groupValues.get(group);
        if (!perMetric) groupValues.set(group, (perMetric = new Map()));
        perMetric.set(metric.name, values);
      }
    }
  }
  const groups: Record<string, Record<string, Estimate>> = {};
  for (const group of [...groupValues.keys()].sort()) {
    const perMetric: Record<string, Estimate> = {};
    for (const metric of metrics) {
      const values = groupValues.get(group)?.get(metric.name);
      if (values) perMetric[metric.name] = meanEstimate(values, { kind: metric.kind });
    }
    groups[group] = perMetric;
  }
  return { metrics: result, groups, unscored };
}

/** `successes` ones then zeros up to `total`: a ratio of counts as 0/1 values, for the Wilson interval. */
function asBinaryValues(successes: number, total: number): number[] {
  return Array.from({ length: Math.max(0, Math.round(total)) }, (_, index) => (index < successes ? 1 : 0));
}

/**
 * A ratio metric (`MetricSpec.denominator`): Σ itemScore / Σ denominator, and with `groupsFromScoreKeys` the
 * same per group from the `<itemScore>/<group>` and `<denominator>/<group>` item scores (added to `groupValues`).
 */
function ratioMetric(
  items: readonly ScoredItem[],
  metric: MetricSpec,
  denominator: string,
  groupValues: Map<string, Map<string, number[]>>,
): Estimate {
  let successes = 0;
  let total = 0;
  const perGroup = new Map<string, { successes: number; total: number }>();
  const prefix = `${metric.itemScore}/`;
  for (const item of items) {
    const value = item.scores[metric.itemScore];
    const count = item.scores[denominator];
    if (value === null || value === undefined || count === null || count === undefined) continue;
    successes += value;
    total += count;
    if (!metric.groupsFromScoreKeys) continue;
    for (const [key, groupValue] of Object.entries(item.scores)) {
      if (!key.startsWith(prefix) || groupValue === null) continue;
      const group = key.slice(prefix.length);
      const entry = perGroup.get(group) ?? { successes: 0, total: 0 };
      entry.successes += groupValue;
      entry.total += item.scores[`${denominator}/${group}`] ?? 0;
      perGroup.set(group, entry);
    }
  }
  for (const [group, entry] of perGroup) {
    let perMetric = groupValues.get(group);
    if (!perMetric) groupValues.set(group, (perMetric = new Map()));
    perMetric.set(metric.name, asBinaryValues(entry.successes, entry.total));
  }
  return meanEstimate(asBinaryValues(successes, total), { kind: 'proportion' });
}
