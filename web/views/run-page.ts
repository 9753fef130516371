import type { NamedIntervalView, RunDetailView, RunView } from '../../src/report/view-model.ts';
import { intervalChart } from '../charts.ts';
import { formatCount, formatMs, formatPercent, h, replaceChildren } from '../dom.ts';
import { showError, viewLink } from '../links.ts';
import type { View } from '../links.ts';

/** Poll interval while the run is still running (live app). */
const pollMs = 2000;

function facts(entries: readonly (readonly [string, string | HTMLElement])[], id: string): HTMLElement {
  return h(
    'dl',
    { class: 'facts run-facts', id },
    ...entries.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

function intervalText(entry: NamedIntervalView): string {
  const [low, high] = entry.ci95;
  const interval =
    low !== null && high !== null
      ? ` [${formatPercent(low, entry.kind)}, ${formatPercent(high, entry.kind)}]`
      : '';
  return `${formatPercent(entry.value, entry.kind)}${interval}`;
}

function scoreTable(rows: readonly NamedIntervalView[], first: string, id: string): HTMLTableElement {
  return h(
    'table',
    { class: 'scores', id },
    h('thead', {}, h('tr', {}, ...[first, 'value [95% CI]', 'n'].map((label) => h('th', {}, label)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { 'data-name': row.name },
          h('td', {}, row.name),
          h('td', { class: 'num' }, intervalText(row)),
          h('td', { class: 'num' }, String(row.n)),
        ),
      ),
    ),
  );
}

function groupChart(groups: readonly NamedIntervalView[]): SVGSVGElement | null {
  const kind = groups[0]?.kind ?? 'proportion';
  if (groups.length === 0) return null;
  const lows = groups.map((group) => group.ci95[0] ?? group.value ?? 0);
  const highs = groups.map((group) => group.ci95[1] ?? group.value ?? 0);
  return intervalChart(
    groups.map((group) => ({
      label: group.name,
      value: group.value,
      low: group.ci95[0],
      high: group.ci95[1],
    })),
    {
      min: kind === 'proportion' ? 0 : Math.min(...lows),
      max: kind === 'proportion' ? 1 : Math.max(...highs),
      format: (value) => formatPercent(value, kind),
    },
  );
}

function statusLine(detail: RunDetailView): HTMLElement {
  const run = detail.run;
  return h(
    'p',
    { class: 'run-status', id: 'run-status' },
    h('span', { class: `status status-${run.status}` }, run.status),
    ` ${run.doneItems}/${run.totalItems} items`,
    detail.statusReason ? h('span', { class: 'status-reason' }, ` — ${detail.statusReason}`) : null,
  );
}

/**
 * Runs this one can be compared with: scored runs of the same benchmark and protocol, on the same data when
 * both know it.
 */
function comparable(run: RunView, runs: readonly RunView[]): RunView[] {
  return runs.filter(
    (other) =>
      other.runId !== run.runId &&
      other.kind === 'eval' &&
      other.headline?.value != null &&
      other.benchmark === run.benchmark &&
      other.protocol === run.protocol &&
      (run.dataset === undefined || other.dataset === undefined || other.dataset === run.dataset),
  );
}

function links(run: RunView, others: readonly RunView[]): HTMLElement {
  const itemLinks =
    run.kind === 'eval'
      ? [
          h('a', { class: 'button', href: viewLink('items', { run: run.runId }) }, 'All items'),
          h(
            'a',
            { class: 'button', href: viewLink('items', { run: run.runId, filter: 'wrong' }) },
            'Wrong items',
          ),
          run.errors > 0
            ? h(
                'a',
                { class: 'button', href: viewLink('items', { run: run.runId, filter: 'errors' }) },
                'Errors',
              )
            : null,
        ]
      : [];
  return h(
    'section',
    { class: 'card run-links' },
    h('h2', {}, 'Items and comparisons'),
    h(
      'p',
      { class: 'actions' },
      ...itemLinks,
      h('a', { class: 'button', href: viewLink('bench', { runs: run.runId }) }, 'Latency'),
    ),
    others.length > 0
      ? h(
          'ul',
          { class: 'compare-links' },
          ...others.map((other) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: viewLink('compare', { runs: `${run.runId},${other.runId}` }) },
                `Compare with ${other.model}`,
              ),
              h('span', { class: 'muted small' }, ` ${other.runId}`),
            ),
          ),
        )
      : h('p', { class: 'muted small' }, 'No other run of this benchmark and protocol to compare with.'),
  );
}

function render(detail: RunDetailView, runs: readonly RunView[]): HTMLElement[] {
  const { run, config } = detail;
  const configuration = facts(
    [
      ['model', config.modelSpec],
      ['provider', config.provider],
      ['endpoint', config.endpoint],
      ['model id', config.modelId],
      ['benchmark', run.benchmark],
      ['protocol', `${run.protocol} v${config.protocolVersion}`],
      ['data fingerprint', run.dataset ?? 'not recorded'],
      ['parity version', config.parityVersion ?? 'not recorded'],
      ['created (UTC)', run.createdAt],
      ['updated (UTC)', run.updatedAt],
      ['run id', run.runId],
    ],
    'run-config',
  );
  const usage = facts(
    [
      ['tokens in / out', `${formatCount(run.inputTokens)} / ${formatCount(run.outputTokens)}`],
      ['cost', run.costUsd === undefined ? 'no price known' : `$${run.costUsd.toFixed(4)}`],
      [
        'latency p50 / p90 / p99',
        `${formatMs(detail.latencyMs.p50)} / ${formatMs(detail.latencyMs.p90)} / ${formatMs(detail.latencyMs.p99)} (${detail.latencyMs.count} timed)`,
      ],
      ['errors', String(run.errors)],
      ['unscored', String(run.unscored)],
    ],
    'run-usage',
  );
  const sections: HTMLElement[] = [h('h1', {}, `${run.model} · ${run.benchmark}`), statusLine(detail)];
  if (detail.metrics.length > 0) {
    sections.push(
      h(
        'section',
        { class: 'card run-scores' },
        h('h2', {}, 'Scores'),
        scoreTable(detail.metrics, 'metric', 'run-metrics'),
      ),
    );
  }
  if (detail.groups.length > 0) {
    sections.push(
      h(
        'section',
        { class: 'card run-groups' },
        h('h2', {}, `${detail.metrics[0]?.name ?? 'Score'} per group`),
        groupChart(detail.groups),
        scoreTable(detail.groups, 'group', 'run-group-table'),
      ),
    );
  }
  sections.push(
    h('section', { class: 'card' }, h('h2', {}, 'Tokens, cost, latency, errors'), usage),
    ...(detail.errorKinds.length > 0
      ? [
          h(
            'section',
            { class: 'card run-errors' },
            h('h2', {}, 'Errors by kind'),
            h(
              'ul',
              {},
              ...detail.errorKinds.map((kind) =>
                h('li', {}, h('strong', {}, `${kind.name} × ${kind.count}`), ` — ${kind.example}`),
              ),
            ),
          ),
        ]
      : []),
    links(run, comparable(run, runs)),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Configuration'),
      configuration,
      h('h3', {}, 'Generation'),
      facts(detail.config.generation, 'run-generation'),
      h('h3', {}, 'Run settings'),
      facts(detail.config.settings, 'run-settings'),
      detail.history.length > 0
        ? h(
            'ul',
            { class: 'small' },
            ...detail.history.map((change) =>
              h('li', {}, `${change.command} at ${change.at}: ${change.changes}`),
            ),
          )
        : null,
    ),
  );
  return sections;
}

/** One run: status, scores with intervals (overall, per group), usage, configuration, links; live while running. */
export const runPage: View = (container, source, parameters) => {
  const runId = parameters.get('id') ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  container.setAttribute('data-status', 'loading');

  async function load(): Promise<void> {
    try {
      const [detail, runs] = await Promise.all([source.runDetail(runId), source.runs()]);
      if (stopped) return;
      if (!detail) {
        replaceChildren(container, h('h1', {}, 'Run'), h('p', { class: 'muted' }, `No run ${runId} here.`));
        return;
      }
      replaceChildren(container, ...render(detail, runs));
      container.setAttribute('data-status', 'ready');
      if (detail.run.status === 'running' && source.mode === 'live')
        timer = setTimeout(() => void load(), pollMs);
    } catch (error) {
      showError(container, error);
    }
  }

  void load();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
};
