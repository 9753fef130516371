import type { MetricSpec, RunConfig, StoredRun } from '../spec/index.ts';
import { measuredTiming } from './measured-timing.ts';
import { intervalView, quantile } from './run-view.ts';
import { summarizeScores } from '../evaluation/summarize-scores.ts';
import type { NamedIntervalView, RunDetailView, RunView } from './view-model.ts';

/** Generation settings the run set (sampling, overrides, samples, settings the provider could not take). */
function generationSettings(config: RunConfig): [string, string][] {
  const settings: [string, string][] = [];
  if (config.temperature !== undefined) settings.push(['temperature', String(config.temperature)]);
  if (config.topP !== undefined) settings.push(['top_p', String(config.topP)]);
  if (config.samples !== undefined) settings.push(['samples per item', String(config.samples)]);
  const overrides = config.generationOverrides;
  if (overrides?.maxTokens !== undefined) settings.push(['max tokens', String(overrides.maxTokens)]);
  if (overrides?.reasoningEffort !== undefined)
    settings.push(['reasoning effort', overrides.reasoningEffort]);
  if (overrides?.systemPrompt !== undefined) settings.push(['system prompt', overrides.systemPrompt]);
  if (config.reasoningAllowanceTokens !== undefined)
    settings.push(['reasoning allowance (tokens)', String(config.reasoningAllowanceTokens)]);
  if (config.providerFixed?.length)
    settings.push(["provider's own sampling (not applied)", config.providerFixed.join(', ')]);
  if (settings.length === 0) settings.push(['sampling', "the protocol's own"]);
  return settings;
}

function runSettings(config: RunConfig, kind: StoredRun['kind']): [string, string][] {
  const settings: [string, string][] = [
    kind === 'bench'
      ? ['requests per step', config.limit === undefined ? 'as the load asked' : String(config.limit)]
      : ['items', config.limit === undefined ? 'all' : `first ${config.limit} (--limit)`],
    ['concurrency', String(config.concurrency)],
    ['timeout', `${Math.round(config.timeoutMs / 1000)} s`],
    ['retries', String(config.maxRetries)],
  ];
  if (config.dataDir !== undefined) settings.push(['data folder', config.dataDir]);
  if (config.importedFrom !== undefined) settings.push(['imported from', config.importedFrom]);
  if (config.execTimeoutMs !== undefined)
    settings.push(['program time limit', `${Math.round(config.execTimeoutMs / 1000)} s`]);
  if (config.judge !== undefined)
    settings.push([
      'judge',
      `${config.judge.modelSpec} at ${config.judge.model.endpoint} (${config.judge.repeats}×)`,
    ]);
  if (config.stopWhenDecided !== undefined)
    settings.push(['stop when decided', `against ${config.stopWhenDecided.vsRunId}`]);
  return settings;
}

/** Why the run stands where it does: a failed run's first item error, how to go on with an interrupted one. */
function statusReason(run: StoredRun): string | null {
  if (run.status === 'failed') {
    const failed = run.items.find((item) => item.status === 'error' && item.error);
    return failed?.error
      ? `${failed.error.name}: ${failed.error.message} (first failed item: ${failed.itemId})`
      : 'the endpoint failed before any item was stored';
  }
  if (run.status === 'interrupted')
    return `stopped at ${run.doneItems}/${run.totalItems} items; continue with 'parity resume ${run.runId}'`;
  return null;
}

function errorKinds(run: StoredRun): RunDetailView['errorKinds'] {
  const kinds = new Map<string, { count: number; example: string }>();
  for (const item of run.items) {
    if (item.status !== 'error') continue;
    const name = item.error?.name ?? 'Error';
    const entry = kinds.get(name);
    if (entry) entry.count += 1;
    else kinds.set(name, { count: 1, example: item.error?.message ?? '' });
  }
  return [...kinds]
    .map(([name, entry]) => ({ name, ...entry }))
    .sort((left, right) => right.count - left.count || left.name.localeCompare(right.name));
}

/**
 * The run page's content: configuration (no secrets: the stored endpoint never holds one), status with its
 * reason, every metric and the headline per group with 95% intervals, latency percentiles, error kinds and
 * configuration changes. `view` is the run's line (`buildRunView`): headline, tokens, cost, dataset.
 */
export function buildRunDetail(options: {
  run: StoredRun;
  view: RunView;
  metrics: readonly MetricSpec[] | undefined;
}): RunDetailView {
  const { run, view, metrics } = options;
  const okItems = run.items.filter((item) => item.status === 'ok');
  const summary = metrics && run.kind === 'eval' ? summarizeScores(okItems, metrics) : undefined;
  const named = (name: string, kind: 'proportion' | 'graded', estimate: Parameters<typeof intervalView>[0]) =>
    ({ name, kind, ...intervalView(estimate) }) satisfies NamedIntervalView;
  const metricViews = (metrics ?? []).flatMap((metric) => {
    const estimate = summary?.metrics[metric.name];
    return estimate ? [named(metric.name, metric.kind, estimate)] : [];
  });
  const headline = metrics?.[0];
  const groupViews = headline
    ? Object.entries(summary?.groups ?? {})
        .flatMap(([group, groupMetrics]) => {
          const estimate = groupMetrics[headline.name] ?? groupMetrics[headline.itemScore];
          return estimate ? [named(group, headline.kind, estimate)] : [];
        })
        .sort((left, right) => left.name.localeCompare(right.name))
    : [];
  const latencies = okItems
    .map((item) => measuredTiming(item)?.totalMs)
    .filter((value): value is number => value !== undefined)
    .sort((left, right) => left - right);
  return {
    run: view,
    config: {
      modelSpec: run.config.modelSpec,
      provider: run.config.model.provider,
      endpoint: run.config.model.endpoint,
      modelId: run.config.model.modelId,
      protocolVersion: run.config.protocolVersion,
      generation: generationSettings(run.config),
      settings: runSettings(run.config, run.kind),
      parityVersion: run.config.parityVersion ?? null,
    },
    statusReason: statusReason(run),
    metrics: metricViews,
    groups: groupViews,
    latencyMs: {
      p50: quantile(latencies, 0.5),
      p90: quantile(latencies, 0.9),
      p99: quantile(latencies, 0.99),
      count: latencies.length,
    },
    errorKinds: errorKinds(run),
    history: (run.history ?? []).map((change) => ({
      at: change.at,
      command: change.command,
      changes: Object.entries(change.changed)
        .map(([field, { from, to }]) => `${field} ${String(from)} → ${String(to)}`)
        .join(', '),
    })),
  };
}
