import type { RunView } from '../../src/report/view-model.ts';
import { formatTick, paretoChart } from '../charts.ts';
import { formatCount, formatMs, formatPercent, h } from '../dom.ts';
import { showError } from '../links.ts';
import type { View } from '../links.ts';

function costTable(runs: readonly RunView[]): HTMLTableElement {
  return h(
    'table',
    { class: 'costs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['model', 'benchmark', 'score', 'tokens in', 'tokens out', 'cost', 'median latency'].map((label) =>
          h('th', {}, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...runs.map((run) =>
        h(
          'tr',
          {},
          h('td', {}, run.model),
          h('td', {}, `${run.benchmark} · ${run.protocol}`),
          h('td', { class: 'num' }, formatPercent(run.headline?.value ?? null, run.headline?.kind)),
          h('td', { class: 'num' }, formatCount(run.inputTokens)),
          h('td', { class: 'num' }, formatCount(run.outputTokens)),
          h('td', { class: 'num' }, run.costUsd === undefined ? 'no price' : `$${run.costUsd.toFixed(4)}`),
          h('td', { class: 'num' }, formatMs(run.medianLatencyMs)),
        ),
      ),
    ),
  );
}

/**
 * Cost table and the quality–cost Pareto chart per benchmark. Without prices the chart uses median latency as
 * the cost axis and says so.
 */
export const tcoView: View = (container, source) => {
  container.append(h('h1', {}, 'Cost and quality'));
  void source
    .runs()
    .then((runs) => {
      const scored = runs.filter((run) => run.kind === 'eval' && run.headline?.value != null);
      container.append(h('section', { class: 'card' }, h('h2', {}, 'Cost per run'), costTable(scored)));
      const byBenchmark = new Map<string, RunView[]>();
      for (const run of scored) {
        const key = `${run.benchmark} · ${run.protocol}`;
        byBenchmark.set(key, [...(byBenchmark.get(key) ?? []), run]);
      }
      for (const [title, boardRuns] of byBenchmark) {
        const priced = boardRuns.every((run) => run.costUsd !== undefined);
        const proportion = boardRuns[0]?.headline?.kind === 'proportion';
        const points = boardRuns
          .map((run) => ({
            label: run.model,
            x: priced ? (run.costUsd ?? 0) : (run.medianLatencyMs ?? 0),
            y: run.headline?.value ?? 0,
          }))
          .filter((point) => Number.isFinite(point.x));
        container.append(
          h(
            'section',
            { class: 'card pareto' },
            h('h2', {}, `Quality against ${priced ? 'cost' : 'latency'}: ${title}`),
            priced
              ? null
              : h(
                  'p',
                  { class: 'muted small' },
                  'No prices known for these runs, so median latency stands in for cost (lower is better on both).',
                ),
            paretoChart(points, {
              xLabel: priced ? 'cost of the run (USD)' : 'median latency (ms)',
              yLabel: `${boardRuns[0]?.headline?.name ?? 'score'}${proportion ? ' (%)' : ''}`,
              ...(proportion ? { yMax: 1, formatY: (value: number) => `${Math.round(value * 100)}` } : {}),
              ...(priced ? { formatX: (value: number) => `$${formatTick(value)}` } : {}),
            }),
          ),
        );
      }
    })
    .catch((error: unknown) => showError(container, error));
  return () => {};
};
