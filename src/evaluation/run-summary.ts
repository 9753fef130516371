import { basename } from 'node:path';
import type { ItemGold, ItemOutcome, MetricSpec, Protocol, RunStore, RunSummary } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { scoreReportJson, type ScoreItemJson, type ScoreReportJson } from '../report/score-report-json.ts';
import { summarizeScores, type ScoreSummary, type SummaryClustering } from '../report/summarize-scores.ts';
import type { ScoreTableRow } from '../report/format-score-table.ts';
import { passAtKSummary, samplingJson, samplingLabel, type SamplingInfo } from './pass-at-k-summary.ts';
import { providerFixedLabel } from '../report/provider-fixed-parameters.ts';
import { generationOverridesLabel } from './generation-overrides.ts';
import { scoredUnitsSummary } from './scored-units-summary.ts';

/** A run's summary with its item outcomes (no request or response text). */
export interface RunWithOutcomes extends RunSummary {
  readonly items: readonly ItemOutcome[];
}

/** Reads a run and its item outcomes; an unknown id is bad input. */
export function readRunOutcomes(store: RunStore, runId: string, storePath: string): RunWithOutcomes {
  const summary = store.getSummary(runId);
  if (!summary) throw new InputError(`no run '${runId}' in ${storePath} (see 'parity runs')`);
  return { ...summary, items: store.listItemOutcomes(runId) };
}

export interface RunScores {
  readonly run: RunWithOutcomes;
  readonly protocol: Protocol;
  readonly summary: ScoreSummary;
  readonly errors: number;
  /** pass@k protocols: the metrics actually reported (pass@1 … pass@n) and how the samples were drawn. */
  readonly metrics?: readonly MetricSpec[];
  readonly sampling?: SamplingInfo;
}

/**
 * Scores of a stored run: estimates over its `ok` items; failed items are counted apart. `clustering: 'group'`
 * makes groups (MMLU subjects) the clusters of micro averages' intervals (not for pass@k or MT-Bench, whose
 * units are already clustered by problem and question).
 */
export function runScores(
  run: RunWithOutcomes,
  protocol: Protocol,
  options: { clustering?: SummaryClustering } = {},
): RunScores {
  const okItems = run.items.filter((item) => item.status === 'ok');
  const errors = run.items.length - okItems.length;
  if (protocol.passAtK) {
    const { summary, metrics } = passAtKSummary(okItems, protocol.passAtK);
    // Code protocols are greedy (temperature 0) unless the run replaced the temperature.
    const sampling = { samplesPerItem: run.config.samples ?? 1, temperature: run.config.temperature ?? 0 };
    return { run, protocol, summary, errors, metrics, sampling };
  }
  // MT-Bench: metrics over judged turns, not questions.
  if (protocol.scoredUnits) return { run, protocol, summary: scoredUnitsSummary(okItems, protocol), errors };
  const summary = summarizeScores(okItems, protocol.metrics, options);
  return { run, protocol, summary, errors };
}

/** The model as shown in tables: the spec, with a local model's path shortened to its file name. */
export function displayModel(spec: string): string {
  return spec.startsWith('local:') ? `local:${basename(spec.slice('local:'.length))}` : spec;
}

export function runTableRow(scores: RunScores): ScoreTableRow {
  return {
    model: displayModel(scores.run.config.modelSpec),
    benchmark: scores.run.config.benchmark,
    protocol:
      (scores.sampling
        ? `${scores.run.config.protocol} (${samplingLabel(scores.sampling)})`
        : scores.run.config.protocol) +
      providerFixedLabel(scores.run.config.providerFixed) +
      generationOverridesLabel(scores.run.config.generationOverrides),
    metrics: scores.metrics ?? scores.protocol.metrics,
    summary: scores.summary,
    errors: scores.errors,
  };
}

function goldJson(gold: ItemGold | undefined): { target?: string; choices?: string[] } {
  if (!gold) return {};
  return { target: gold.target, ...(gold.choices ? { choices: [...gold.choices] } : {}) };
}

export function runJson(
  scores: RunScores,
  options: { items: boolean; gold?: ReadonlyMap<string, ItemGold> },
): ScoreReportJson {
  const headline = scores.protocol.metrics[0]?.itemScore;
  const items: ScoreItemJson[] | undefined = options.items
    ? scores.run.items.map((item) => ({
        id: item.itemId,
        sample: item.sample,
        score: headline === undefined ? null : (item.scores[headline] ?? null),
        scores: { ...item.scores },
        extracted: item.extracted,
        ...goldJson(options.gold?.get(item.itemId)),
        ...(item.error ? { error: item.error.message } : {}),
      }))
    : undefined;
  const report = scoreReportJson({
    runId: scores.run.runId,
    model: scores.run.config.modelSpec,
    benchmark: scores.run.config.benchmark,
    protocol: scores.run.config.protocol,
    n: scores.run.totalItems,
    summary: scores.summary,
    errors: scores.errors,
    ...(items ? { items } : {}),
  });
  const providerFixed = scores.run.config.providerFixed;
  const overrides = scores.run.config.generationOverrides;
  const withFixed = {
    ...report,
    ...(providerFixed?.length ? { provider_fixed: [...providerFixed] } : {}),
    ...(overrides ? { generation_overrides: { ...overrides } } : {}),
  };
  return scores.sampling ? { ...withFixed, sampling: samplingJson(scores.sampling) } : withFixed;
}
