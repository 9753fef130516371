import type { Estimate } from '../spec/index.ts';
import type { ScoreSummary } from '../evaluation/summarize-scores.ts';

export interface EstimateJson {
  value: number | null;
  ci95: [number | null, number | null];
  n: number;
  /**
   * How the interval was computed (an extension of docs/cli.md): 'wilson', 'normal', 'normal-group-mean',
   * 'clustered', 'clustered-by-group', 'bootstrap-percentile', or 'none'/'count'/… for figures without one.
   */
  method?: string;
  /** Clustered intervals: the number of independent clusters. */
  clusters?: number;
  /** Bootstrap intervals: resamples and seed. */
  resamples?: number;
  seed?: number;
}

export interface ScoreItemJson {
  id: string;
  sample: number;
  score: number | null;
  scores: Record<string, number | null>;
  extracted: string | null;
  /** The gold answer, when the run recorded it (`parity show --items`). */
  target?: string;
  /** Multiple choice: the choices as shown ("A. …"). */
  choices?: string[];
  error?: string;
}

/** The `--json` shape of `parity score` and `parity show` (docs/cli.md). */
export interface ScoreReportJson {
  run_id?: string;
  model: string;
  benchmark: string;
  protocol: string;
  n: number;
  metrics: Record<string, EstimateJson>;
  groups: Record<string, Record<string, EstimateJson>>;
  unscored: number;
  errors?: number;
  /** pass@k benchmarks: greedy or sampled, samples per item, temperature (null when unknown). */
  sampling?: { mode: 'greedy' | 'sampled' | 'unknown'; samples_per_item: number; temperature: number | null };
  items?: ScoreItemJson[];
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function estimateJson(estimate: Estimate): EstimateJson {
  return {
    value: finiteOrNull(estimate.value),
    ci95: [finiteOrNull(estimate.ci95[0]), finiteOrNull(estimate.ci95[1])],
    n: estimate.n,
    method: estimate.method,
    ...(estimate.clusters === undefined ? {} : { clusters: estimate.clusters }),
    ...(estimate.resamples === undefined ? {} : { resamples: estimate.resamples }),
    ...(estimate.seed === undefined ? {} : { seed: estimate.seed }),
  };
}

function mapEstimates(estimates: Readonly<Record<string, Estimate>>): Record<string, EstimateJson> {
  return Object.fromEntries(
    Object.entries(estimates).map(([name, estimate]) => [name, estimateJson(estimate)]),
  );
}

export function scoreReportJson(options: {
  runId?: string;
  model: string;
  benchmark: string;
  protocol: string;
  n: number;
  summary: ScoreSummary;
  errors?: number;
  items?: ScoreItemJson[];
}): ScoreReportJson {
  const report: ScoreReportJson = {
    ...(options.runId === undefined ? {} : { run_id: options.runId }),
    model: options.model,
    benchmark: options.benchmark,
    protocol: options.protocol,
    n: options.n,
    metrics: mapEstimates(options.summary.metrics),
    groups: Object.fromEntries(
      Object.entries(options.summary.groups).map(([group, estimates]) => [group, mapEstimates(estimates)]),
    ),
    unscored: options.summary.unscored,
  };
  if (options.errors !== undefined) report.errors = options.errors;
  if (options.items) report.items = options.items;
  return report;
}
