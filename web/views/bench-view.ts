import type { LatencyStepView, LatencyView } from '../../src/report/view-model.ts';
import { cdfPoints, lineChart } from '../charts.ts';
import { formatMs, h } from '../dom.ts';
import { showError } from '../links.ts';
import type { View } from '../links.ts';

function stepTable(latency: LatencyView): HTMLTableElement {
  return h(
    'table',
    { class: 'steps' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['step', 'completed', 'failed', 'p50', 'p90', 'p99', 'requests/s', 'output tokens/s'].map(
          (label) => h('th', {}, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...latency.steps.map((step) =>
        h(
          'tr',
          {},
          h('td', {}, step.step),
          h('td', { class: 'num' }, String(step.count)),
          h('td', { class: 'num' }, String(step.failed)),
          h('td', { class: 'num' }, formatMs(step.p50Ms)),
          h('td', { class: 'num' }, formatMs(step.p90Ms)),
          h('td', { class: 'num' }, formatMs(step.p99Ms)),
          h(
            'td',
            { class: 'num' },
            step.requestsPerSecond === null ? '—' : step.requestsPerSecond.toFixed(2),
          ),
          h(
            'td',
            { class: 'num' },
            step.outputTokensPerSecond === null ? '—' : step.outputTokensPerSecond.toFixed(1),
          ),
        ),
      ),
    ),
  );
}

function latencySection(latency: LatencyView, benchmark: string | undefined): HTMLElement {
  const section = h(
    'section',
    { class: 'card latency', 'data-run-id': latency.runId },
    h(
      'h2',
      {},
      `${latency.model} · ${latency.kind === 'bench' ? 'bench' : (benchmark ?? 'eval')} run ${latency.runId}`,
    ),
  );
  const loaded = latency.steps.filter(
    (step) => step.load !== null && step.requestsPerSecond !== null && step.p50Ms !== null,
  );
  if (loaded.length > 0) {
    section.append(
      h('h3', {}, 'Latency against throughput'),
      lineChart(
        [
          {
            name: 'p50 latency',
            points: loaded.map((step) => [step.requestsPerSecond ?? 0, step.p50Ms ?? 0] as const),
          },
          {
            name: 'p90 latency',
            points: loaded.map((step) => [step.requestsPerSecond ?? 0, step.p90Ms ?? 0] as const),
          },
        ],
        { xLabel: 'measured throughput (requests/s)', yLabel: 'latency (ms)', markers: true },
      ),
    );
  }
  if (!latency.steps.some((step) => step.e2eMs.length > 0))
    section.append(h('p', { class: 'muted' }, 'No timed responses in this run.'));
  section.append(stepTable(latency));
  return section;
}

/** A series name: the run's model, with the sweep step of a bench run ('c=8'). */
function seriesName(latency: LatencyView, step: LatencyStepView, runs: readonly LatencyView[]): string {
  const sameModel = runs.filter((other) => other.model === latency.model).length > 1;
  const model = sameModel ? `${latency.model} (${latency.runId})` : latency.model;
  return latency.kind === 'bench' || step.step !== 'all' ? `${model} ${step.step}` : model;
}

/** One chart over every run (and bench step): the latency CDFs overlaid, so runs are compared on one axis. */
function overlaidCdfs(runs: readonly LatencyView[]): HTMLElement | null {
  const chart = (pick: (step: LatencyStepView) => readonly number[], label: string): SVGSVGElement | null => {
    const series = runs.flatMap((latency) =>
      latency.steps
        .filter((step) => pick(step).length > 0)
        .map((step) => ({ name: seriesName(latency, step, runs), points: cdfPoints(pick(step)) })),
    );
    return series.length === 0
      ? null
      : lineChart(series, { xLabel: label, yLabel: 'fraction of requests', yMax: 1, step: true });
  };
  const e2e = chart((step) => step.e2eMs, 'end-to-end latency (ms)');
  if (!e2e) return null;
  const ttft = chart((step) => step.ttftMs, 'time to first token (ms)');
  return h(
    'section',
    { class: 'card latency-cdfs' },
    h('h2', {}, 'Latency CDFs, every run overlaid'),
    h('h3', {}, 'End-to-end latency CDF'),
    e2e,
    ttft ? h('h3', {}, 'Time to first token CDF') : null,
    ttft,
  );
}

/** Bench runs (or the runs picked on the runs page): latency–throughput curve and latency CDFs per step. */
export const benchView: View = (container, source, parameters) => {
  container.append(h('h1', {}, 'Latency and throughput'));
  const runIds = (parameters.get('runs') ?? '').split(',').filter((runId) => runId !== '');
  void (async () => {
    let latency = await source.latency(runIds);
    const runs = await source.runs();
    const benchmarkOf = new Map(runs.map((run) => [run.runId, `${run.benchmark} · ${run.protocol}`]));
    if (latency.length === 0 && runIds.length === 0) {
      container.append(
        h(
          'p',
          { class: 'muted' },
          'No bench runs in this store (`parity bench` stores them); showing the latency of the newest eval runs.',
        ),
      );
      latency = await source.latency(runs.slice(0, 4).map((run) => run.runId));
    }
    if (latency.length === 0) container.append(h('p', { class: 'muted' }, 'No runs with timed responses.'));
    const overlaid = overlaidCdfs(latency);
    if (overlaid) container.append(overlaid);
    for (const entry of latency) container.append(latencySection(entry, benchmarkOf.get(entry.runId)));
  })().catch((error: unknown) => showError(container, error));
  return () => {};
};
