import type { LatencyView } from '../../src/report/view-model.ts';
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

function latencySection(latency: LatencyView): HTMLElement {
  const section = h(
    'section',
    { class: 'card latency', 'data-run-id': latency.runId },
    h('h2', {}, `${latency.model} · ${latency.kind} run ${latency.runId}`),
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
  const withE2e = latency.steps.filter((step) => step.e2eMs.length > 0);
  if (withE2e.length > 0) {
    section.append(
      h('h3', {}, 'End-to-end latency CDF'),
      lineChart(
        withE2e.map((step) => ({ name: step.step, points: cdfPoints(step.e2eMs) })),
        { xLabel: 'end-to-end latency (ms)', yLabel: 'fraction of requests', yMax: 1 },
      ),
    );
  }
  const withTtft = latency.steps.filter((step) => step.ttftMs.length > 0);
  if (withTtft.length > 0) {
    section.append(
      h('h3', {}, 'Time to first token CDF'),
      lineChart(
        withTtft.map((step) => ({ name: step.step, points: cdfPoints(step.ttftMs) })),
        { xLabel: 'time to first token (ms)', yLabel: 'fraction of requests', yMax: 1 },
      ),
    );
  }
  if (withE2e.length === 0) section.append(h('p', { class: 'muted' }, 'No timed responses in this run.'));
  section.append(stepTable(latency));
  return section;
}

/** Bench runs (or the runs picked on the runs page): latency–throughput curve and latency CDFs per step. */
export const benchView: View = (container, source, parameters) => {
  container.append(h('h1', {}, 'Latency and throughput'));
  const runIds = (parameters.get('runs') ?? '').split(',').filter((runId) => runId !== '');
  void (async () => {
    let latency = await source.latency(runIds);
    if (latency.length === 0 && runIds.length === 0) {
      container.append(
        h(
          'p',
          { class: 'muted' },
          'No bench runs in this store (`parity bench` stores them); showing the latency of the newest eval runs.',
        ),
      );
      const runs = await source.runs();
      latency = await source.latency(runs.slice(0, 4).map((run) => run.runId));
    }
    if (latency.length === 0) container.append(h('p', { class: 'muted' }, 'No runs with timed responses.'));
    for (const entry of latency) container.append(latencySection(entry));
  })().catch((error: unknown) => showError(container, error));
  return () => {};
};
