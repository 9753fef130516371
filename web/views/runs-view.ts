import type { RunView } from '../../src/report/view-model.ts';
import { formatCount, formatMs, formatPercent, h, replaceChildren, s } from '../dom.ts';
import { showError, viewLink } from '../links.ts';
import type { View } from '../links.ts';

/** `(provider's sampling: temperature not applied)` when the provider fixed protocol parameters, else ''. */
function providerFixedLabel(providerFixed: readonly string[] | undefined): string {
  return providerFixed?.length ? ` (provider's sampling: ${providerFixed.join(', ')} not applied)` : '';
}

/** Poll interval while a run is still running. */
const pollMs = 2000;

function scoreCell(run: RunView): HTMLElement {
  const headline = run.headline;
  if (!headline || headline.value === null) return h('td', { class: 'muted' }, '—');
  const [low, high] = headline.ci95;
  // The interval itself, not a ± half-width: near 0 or 1 it is not symmetric ([0.0%, 1.9%] is not 0.0% ± 0.9%).
  const interval =
    low !== null && high !== null
      ? ` [${formatPercent(low, headline.kind)}, ${formatPercent(high, headline.kind)}]`
      : '';
  const bar =
    headline.kind === 'proportion' && low !== null && high !== null
      ? s(
          'svg',
          { width: 80, height: 10, class: 'minibar', viewBox: '0 0 100 10' },
          s('line', { x1: 0, x2: 100, y1: 5, y2: 5, class: 'track' }),
          s('line', { x1: low * 100, x2: high * 100, y1: 5, y2: 5, class: 'interval', stroke: '#2563eb' }),
          s('circle', { cx: headline.value * 100, cy: 5, r: 3, fill: '#2563eb' }),
        )
      : null;
  return h(
    'td',
    { class: 'score' },
    `${headline.name} ${formatPercent(headline.value, headline.kind)}${interval}`,
    ' ',
    bar,
  );
}

function runRow(run: RunView, selected: Set<string>, onChange: () => void): HTMLTableRowElement {
  const box = h('input', { type: 'checkbox', 'aria-label': `select run ${run.runId}` });
  box.checked = selected.has(run.runId);
  box.addEventListener('change', () => {
    if (box.checked) selected.add(run.runId);
    else selected.delete(run.runId);
    onChange();
  });
  return h(
    'tr',
    { 'data-run-id': run.runId },
    h('td', {}, box),
    h(
      'td',
      {},
      h('a', { href: viewLink('run', { id: run.runId }) }, run.model),
      h('div', { class: 'muted small' }, run.runId),
    ),
    h(
      'td',
      {},
      run.benchmark,
      h('div', { class: 'muted small' }, `${run.protocol}${providerFixedLabel(run.providerFixed)}`),
    ),
    h('td', { class: 'num' }, `${run.doneItems}/${run.totalItems}`),
    scoreCell(run),
    h('td', { class: 'num' }, String(run.errors)),
    h('td', { class: 'num' }, `${formatCount(run.inputTokens)} / ${formatCount(run.outputTokens)}`),
    h('td', { class: 'num' }, run.costUsd === undefined ? '—' : `$${run.costUsd.toFixed(2)}`),
    h('td', { class: 'num' }, formatMs(run.medianLatencyMs)),
    h('td', { class: 'small' }, run.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')),
    h('td', {}, h('span', { class: `status status-${run.status}` }, run.status)),
  );
}

/** Every run, newest first; running runs refresh every two seconds in the live app. */
export const runsView: View = (container, source) => {
  const selected = new Set<string>();
  const actions = h('div', { class: 'actions' });
  const table = h('table', { class: 'runs' });
  const note = h('p', { class: 'muted small' });
  container.append(h('h1', {}, 'Runs'), actions, table, note);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function renderActions(): void {
    const runs = [...selected].join(',');
    replaceChildren(
      actions,
      selected.size >= 2
        ? h('a', { class: 'button', href: viewLink('compare', { runs }) }, `Compare ${selected.size} runs`)
        : h('span', { class: 'muted' }, 'Select two or more runs to compare them.'),
      selected.size >= 1
        ? h('a', { class: 'button', href: viewLink('bench', { runs }) }, 'Latency of selected')
        : null,
    );
  }

  async function load(): Promise<void> {
    try {
      const runs = await source.runs();
      if (stopped) return;
      replaceChildren(
        table,
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              '',
              'model',
              'benchmark',
              'n',
              'score [95% CI]',
              'errors',
              'tokens in/out',
              'cost',
              'median latency',
              'created (UTC)',
              'status',
            ].map((label) => h('th', {}, label)),
          ),
        ),
        h('tbody', {}, ...runs.map((run) => runRow(run, selected, renderActions))),
      );
      const running = runs.some((run) => run.status === 'running');
      note.textContent =
        runs.length === 0
          ? 'No runs in this store yet: run `parity eval` or `parity demo`.'
          : running && source.mode === 'live'
            ? 'Running runs refresh every 2 s.'
            : '';
      if (running && source.mode === 'live') timer = setTimeout(() => void load(), pollMs);
    } catch (error) {
      showError(container, error);
    }
  }

  renderActions();
  void load();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
};
