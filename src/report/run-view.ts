import type { Estimate, MetricSpec, StoredRun } from '../spec/index.ts';
import { measuredTiming } from './measured-timing.ts';
import { summarizeScores } from '../evaluation/summarize-scores.ts';
import type { HeadlineView, IntervalView, LeaderboardView, RunView } from './view-model.ts';

/** The model as shown: the spec, with a local model's path shortened to its file name. */
export function shortModelName(spec: string): string {
  if (!spec.startsWith('local:')) return spec;
  const path = spec.slice('local:'.length);
  return `local:${path.split(/[\\/]/).at(-1) ?? path}`;
}

/** An Estimate as JSON-safe numbers (NaN becomes null). */
export function intervalView(estimate: Estimate): IntervalView {
  const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
  return {
    value: finite(estimate.value),
    ci95: [finite(estimate.ci95[0]), finite(estimate.ci95[1])],
    n: estimate.n,
  };
}

/** The value at quantile `q` (0–1) of ascending `sorted` values, nearest rank; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? null;
}

function sumKnown(values: readonly (number | undefined)[]): number | null {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
}

/**
 * A run's line in the runs list: the headline metric (first of `metrics`) over its ok items with a 95% interval,
 * errors, unscored items, token totals and median latency. `metrics` undefined (unknown protocol, bench runs)
 * leaves the headline out.
 */
export function buildRunView(options: {
  run: StoredRun;
  metrics: readonly MetricSpec[] | undefined;
  costUsd?: number;
  dataset?: string;
}): RunView {
  const { run, metrics } = options;
  const okItems = run.items.filter((item) => item.status === 'ok');
  let headline: HeadlineView | undefined;
  let unscored = 0;
  const metric = metrics?.[0];
  if (metrics && metric) {
    const summary = summarizeScores(okItems, metrics);
    unscored = summary.unscored;
    const estimate = summary.metrics[metric.name];
    if (estimate) {
      headline = {
        name: metric.name,
        kind: metric.kind,
        ...(metric.aggregate === 'group-mean' ? { aggregate: metric.aggregate } : {}),
        ...intervalView(estimate),
      };
    }
  }
  const latencies = okItems
    .map((item) => measuredTiming(item)?.totalMs)
    .filter((value): value is number => value !== undefined)
    .sort((left, right) => left - right);
  return {
    runId: run.runId,
    kind: run.kind,
    model: shortModelName(run.config.modelSpec),
    benchmark: run.config.benchmark,
    protocol: run.config.protocol,
    ...(run.config.providerFixed?.length ? { providerFixed: [...run.config.providerFixed] } : {}),
    status: run.status,
    doneItems: run.doneItems,
    totalItems: run.totalItems,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(headline ? { headline } : {}),
    errors: run.items.length - okItems.length,
    unscored,
    inputTokens: sumKnown(okItems.map((item) => item.response?.usage.inputTokens)),
    outputTokens: sumKnown(okItems.map((item) => item.response?.usage.outputTokens)),
    medianLatencyMs: quantile(latencies, 0.5),
    ...(options.costUsd === undefined ? {} : { costUsd: options.costUsd }),
    ...(options.dataset === undefined ? {} : { dataset: options.dataset }),
  };
}

/**
 * One leaderboard per benchmark, protocol and dataset fingerprint over eval runs with a headline, best first:
 * runs on different data (another file version or item subset) are never ranked side by side.
 */
export function buildLeaderboards(runs: readonly RunView[]): LeaderboardView[] {
  const boards = new Map<string, { board: Omit<LeaderboardView, 'runs'>; runs: RunView[] }>();
  for (const run of runs) {
    if (run.kind !== 'eval' || !run.headline || run.headline.value === null) continue;
    const key = `${run.benchmark}\u0000${run.protocol}\u0000${run.dataset ?? ''}`;
    let entry = boards.get(key);
    if (!entry) {
      entry = {
        board: {
          benchmark: run.benchmark,
          protocol: run.protocol,
          dataset: run.dataset ?? null,
          metric: run.headline.name,
          kind: run.headline.kind,
        },
        runs: [],
      };
      boards.set(key, entry);
    }
    entry.runs.push(run);
  }
  return [...boards.values()]
    .map(({ board, runs: boardRuns }) => ({
      ...board,
      runs: [...boardRuns].sort((left, right) => (right.headline?.value ?? 0) - (left.headline?.value ?? 0)),
    }))
    .sort((left, right) =>
      `${left.benchmark} ${left.protocol} ${left.dataset ?? ''}`.localeCompare(
        `${right.benchmark} ${right.protocol} ${right.dataset ?? ''}`,
      ),
    );
}
