import { basename } from 'node:path';
import type { ItemOutcome, Protocol, RunStore, RunSummary } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { scoreReportJson, type ScoreItemJson, type ScoreReportJson } from '../report/score-report-json.ts';
import { summarizeScores, type ScoreSummary } from '../report/summarize-scores.ts';
import type { ScoreTableRow } from '../report/format-score-table.ts';

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
}

/** Scores of a stored run: estimates over its `ok` items; failed items are counted apart. */
export function runScores(run: RunWithOutcomes, protocol: Protocol): RunScores {
  const okItems = run.items.filter((item) => item.status === 'ok');
  const summary = summarizeScores(okItems, protocol.metrics);
  return { run, protocol, summary, errors: run.items.length - okItems.length };
}

/** The model as shown in tables: the spec, with a local model's path shortened to its file name. */
export function displayModel(spec: string): string {
  return spec.startsWith('local:') ? `local:${basename(spec.slice('local:'.length))}` : spec;
}

export function runTableRow(scores: RunScores): ScoreTableRow {
  return {
    model: displayModel(scores.run.config.modelSpec),
    benchmark: scores.run.config.benchmark,
    protocol: scores.run.config.protocol,
    metrics: scores.protocol.metrics,
    summary: scores.summary,
    errors: scores.errors,
  };
}

export function runJson(scores: RunScores, options: { items: boolean }): ScoreReportJson {
  const headline = scores.protocol.metrics[0]?.itemScore;
  const items: ScoreItemJson[] | undefined = options.items
    ? scores.run.items.map((item) => ({
        id: item.itemId,
        sample: item.sample,
        score: headline === undefined ? null : (item.scores[headline] ?? null),
        scores: { ...item.scores },
        extracted: item.extracted,
        ...(item.error ? { error: item.error.message } : {}),
      }))
    : undefined;
  return scoreReportJson({
    runId: scores.run.runId,
    model: scores.run.config.modelSpec,
    benchmark: scores.run.config.benchmark,
    protocol: scores.run.config.protocol,
    n: scores.run.totalItems,
    summary: scores.summary,
    errors: scores.errors,
    ...(items ? { items } : {}),
  });
}
