import type { ItemAggregates, MetricSpec, RunSummary } from '../spec/index.ts';
import { intervalView, shortModelName } from './run-view.ts';
import { summarizeScores, type ScoredItem } from '../evaluation/summarize-scores.ts';
import type { HeadlineView, RunView } from './view-model.ts';

/**
 * Whether `runViewFromAggregates` gives the same line as `buildRunView` for this run: an eval run of one sample
 * per item (every item its own cluster) whose headline metric is a plain per-item score (not a ratio).
 */
export function aggregatesSuffice(summary: RunSummary, metrics: readonly MetricSpec[] | undefined): boolean {
  const metric = metrics?.[0];
  return (
    summary.kind === 'eval' &&
    (summary.config.samples ?? 1) === 1 &&
    metric !== undefined &&
    metric.denominator === undefined
  );
}

/**
 * A run's line in the runs list from SQL aggregates (`RunStore.aggregateItems`) instead of its items: the same
 * figures as `buildRunView` for the runs `aggregatesSuffice` accepts. The headline's estimate depends only on
 * how many items have each score value in each group, so it is computed from those counts.
 */
export function runViewFromAggregates(options: {
  summary: RunSummary;
  metrics: readonly MetricSpec[];
  aggregates: ItemAggregates;
  costUsd?: number;
  dataset?: string;
}): RunView {
  const { summary, aggregates } = options;
  const metric = options.metrics[0];
  let headline: HeadlineView | undefined;
  if (metric) {
    // One unit per counted item; only the ids' distinctness matters (each item is its own cluster), and the
    // items of one row share their scores object: a 14,042-item run is 14,042 small objects, not three times that.
    const scored: ScoredItem[] = [];
    for (const { group, value, count } of aggregates.values) {
      if (value === null) continue;
      const scores = { [metric.itemScore]: value };
      for (let index = 0; index < count; index += 1) {
        const itemId = String(scored.length);
        scored.push(group === null ? { itemId, scores } : { itemId, group, scores });
      }
    }
    const estimate = summarizeScores(scored, [metric]).metrics[metric.name];
    if (estimate) {
      headline = {
        name: metric.name,
        kind: metric.kind,
        ...(metric.aggregate === 'group-mean' ? { aggregate: metric.aggregate } : {}),
        ...intervalView(estimate),
      };
    }
  }
  return {
    runId: summary.runId,
    kind: summary.kind,
    model: shortModelName(summary.config.modelSpec),
    benchmark: summary.config.benchmark,
    protocol: summary.config.protocol,
    ...(summary.config.providerFixed?.length ? { providerFixed: [...summary.config.providerFixed] } : {}),
    status: summary.status,
    doneItems: summary.doneItems,
    totalItems: summary.totalItems,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
    ...(headline ? { headline } : {}),
    errors: aggregates.errors,
    unscored: aggregates.unscored,
    inputTokens: aggregates.inputTokens,
    outputTokens: aggregates.outputTokens,
    medianLatencyMs: aggregates.medianLatencyMs,
    ...(options.costUsd === undefined ? {} : { costUsd: options.costUsd }),
    ...(options.dataset === undefined ? {} : { dataset: options.dataset }),
  };
}
