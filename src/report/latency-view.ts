import type { ItemRecord } from '../spec/index.ts';
import { measuredTiming } from './measured-timing.ts';
import { isBenchStepItem, readBenchStepRecord } from './bench-step-record.ts';
import { benchLoadLabel } from './format-bench-table.ts';
import { quantile } from './run-view.ts';
import type { LatencyStepView, LatencyView, RunView } from './view-model.ts';

/** Points kept per CDF: enough for a smooth curve, few enough to keep reports small. */
const cdfPoints = 200;

/** At most `points` values at evenly spaced quantiles of ascending `sorted`, always with the min and max. */
export function thinSorted(sorted: readonly number[], points = cdfPoints): number[] {
  if (sorted.length <= points) return [...sorted];
  return Array.from({ length: points }, (_, index) => {
    const position = Math.round((index / (points - 1)) * (sorted.length - 1));
    return sorted[position] ?? 0;
  });
}

function ascending(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined).sort((left, right) => left - right);
}

function evalStep(records: readonly ItemRecord[]): LatencyStepView {
  const ok = records.filter((record) => record.status === 'ok' && measuredTiming(record) !== undefined);
  const e2e = ascending(ok.map((record) => measuredTiming(record)?.totalMs));
  return {
    step: 'all',
    load: null,
    count: ok.length,
    failed: records.length - ok.length,
    e2eMs: thinSorted(e2e),
    ttftMs: thinSorted(ascending(ok.map((record) => measuredTiming(record)?.ttftMs))),
    p50Ms: quantile(e2e, 0.5),
    p90Ms: quantile(e2e, 0.9),
    p99Ms: quantile(e2e, 0.99),
    requestsPerSecond: null,
    outputTokensPerSecond: null,
  };
}

function benchSteps(runId: string, records: readonly ItemRecord[]): LatencyStepView[] {
  return records.filter(isBenchStepItem).map((record): LatencyStepView => {
    const step = readBenchStepRecord(record, { runId });
    const ok = step.requests.filter((request) => request.status === 'ok');
    const { metrics } = step;
    const load = metrics.load.type === 'concurrency' ? metrics.load.concurrency : metrics.load.requestRate;
    return {
      step: benchLoadLabel(metrics.load),
      load: Number.isFinite(load) ? load : null,
      count: metrics.completed,
      failed: metrics.failed,
      e2eMs: thinSorted(ascending(ok.map((request) => request.e2elMs))),
      ttftMs: thinSorted(ascending(ok.map((request) => request.ttftMs))),
      p50Ms: metrics.e2el.median ?? null,
      p90Ms: metrics.e2el.p90 ?? null,
      p99Ms: metrics.e2el.p99 ?? null,
      requestsPerSecond: metrics.requestThroughput,
      outputTokensPerSecond: metrics.outputThroughput,
    };
  });
}

/**
 * Latency distribution of a run. Bench runs (`parity bench`): one step per stored sweep step, with its measured
 * throughput and percentiles and the per-request samples for the CDFs. Eval runs: one step, 'all', from the
 * items' response timings.
 */
export function buildLatencyView(run: RunView, records: readonly ItemRecord[]): LatencyView {
  const steps = run.kind === 'bench' ? benchSteps(run.runId, records) : [evalStep(records)];
  return { runId: run.runId, model: run.model, kind: run.kind, steps };
}
