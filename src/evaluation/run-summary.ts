import type { ItemOutcome, MetricSpec, Protocol, RunStore, RunSummary } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { summarizeScores, type ScoreSummary, type SummaryClustering } from './summarize-scores.ts';
import { passAtKSummary, type SamplingInfo } from './pass-at-k-summary.ts';
import { scoredUnitsSummary } from './scored-units-summary.ts';
import { passAtKOf, scoredUnitsOf } from './protocol-kind.ts';

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
  const passAtK = passAtKOf(protocol);
  if (passAtK) {
    const { summary, metrics } = passAtKSummary(okItems, passAtK);
    // Code protocols are greedy (temperature 0) unless the run replaced the temperature.
    const sampling = { samplesPerItem: run.config.samples ?? 1, temperature: run.config.temperature ?? 0 };
    return { run, protocol, summary, errors, metrics, sampling };
  }
  // MT-Bench: metrics over judged turns, not questions.
  if (scoredUnitsOf(protocol))
    return { run, protocol, summary: scoredUnitsSummary(okItems, protocol), errors };
  const summary = summarizeScores(okItems, protocol.metrics, options);
  return { run, protocol, summary, errors };
}
