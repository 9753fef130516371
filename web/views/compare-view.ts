import type { ComparisonView, RunView } from '../../src/report/view-model.ts';
import { intervalChart } from '../charts.ts';
import { formatPercent, formatPoints, h, replaceChildren } from '../dom.ts';
import { showError, viewLink } from '../links.ts';
import type { View } from '../links.ts';

function marginLabel(comparison: ComparisonView): string | undefined {
  const margin = comparison.margin;
  if (!margin) return undefined;
  const points = formatPoints(margin.margin, comparison.kind);
  if (margin.verdict === 'equivalent') return `equivalent within ±${points}`;
  if (margin.verdict === 'not_worse') return `B not worse than A by more than ${points}`;
  if (margin.verdict === 'different')
    return `different: ${margin.better === 'a' ? `A better (${comparison.a.model})` : `B better (${comparison.b.model})`}`;
  return `inconclusive at ${margin.mode === 'equivalence' ? '±' : ''}${points}${margin.itemsNeeded === null ? '' : ` — about ${margin.itemsNeeded} items would decide it`}`;
}

function verdictLabel(comparison: ComparisonView): string {
  if (comparison.verdict === 'a_better') return `A better (${comparison.a.model})`;
  if (comparison.verdict === 'b_better') return `B better (${comparison.b.model})`;
  return 'no significant difference';
}

/** "95%", or "98.3%" for an interval at a Holm level. */
function levelText(level: number): string {
  const percent = Math.round(level * 1000) / 10;
  return `${percent}%`;
}

/** The headline of one comparison: its verdict, the difference with the interval that goes with it. */
function headline(comparison: ComparisonView): HTMLElement {
  const margin = comparison.margin;
  const marginDetail = margin
    ? ` Margin test ${margin.test}: ${levelText(margin.intervalLevel)} CI [${formatPoints(margin.ci[0], comparison.kind, { signed: true, unit: false })}, ${formatPoints(margin.ci[1], comparison.kind, { signed: true })}], p (Holm) ${margin.pAdjusted.toPrecision(2)}.`
    : '';
  return h(
    'li',
    { class: `verdict-${margin?.verdict ?? comparison.verdict}` },
    h('strong', {}, marginLabel(comparison) ?? verdictLabel(comparison)),
    ` — ${comparison.benchmark} · ${comparison.protocol}: A ${comparison.a.model} vs B ${comparison.b.model}, A − B ${differenceText(comparison)} (${levelText(comparison.intervalLevel)} CI, ${comparison.test.name}, ${comparison.nPaired} paired items${comparison.mismatchedItems > 0 ? `; ${comparison.mismatchedItems} items left out: same id, different content` : ''}).${marginDetail}`,
  );
}

/** "Is B as good as A?": a margin in points (raw units for graded scores) that reloads the page with it. */
function marginForm(
  runIds: readonly string[],
  margin: number | undefined,
  nonInferiority: boolean,
): HTMLElement {
  const input = h('input', {
    type: 'number',
    min: '0',
    step: 'any',
    'aria-label': 'margin in points',
    value: margin === undefined ? '' : String(margin),
  }) as HTMLInputElement;
  const box = h('input', { type: 'checkbox', 'aria-label': 'non-inferiority' }) as HTMLInputElement;
  box.checked = nonInferiority;
  const apply = h('button', { type: 'button' }, 'Apply');
  apply.addEventListener('click', () => {
    window.location.hash = viewLink('compare', {
      runs: runIds.join(','),
      margin: input.value === '' ? undefined : input.value,
      noninferiority: box.checked ? '1' : undefined,
    }).replace(/^#/, '');
  });
  return h(
    'p',
    { class: 'margin-form small' },
    'Is B as good as A? Margin (points): ',
    input,
    h('label', {}, box, ' non-inferiority'),
    apply,
  );
}

function differenceText(comparison: ComparisonView): string {
  const { value, ci95 } = comparison.difference;
  const signed = { signed: true, unit: false };
  // Points, not percent: A 80% and B 50.5% differ by +29.5 pts, not "+29.5%" (a relative change).
  const clipped = comparison.differenceClipped ? ' (clipped to ±100 pts)' : '';
  return `${formatPoints(value, comparison.kind, { signed: true })} [${formatPoints(ci95[0], comparison.kind, signed)}, ${formatPoints(ci95[1], comparison.kind, signed)}]${clipped}`;
}

function picker(container: HTMLElement, runs: readonly RunView[]): void {
  const chosen = new Set<string>();
  const go = h('a', { class: 'button disabled', href: '#/compare' }, 'Compare');
  const update = (): void => {
    go.setAttribute('href', viewLink('compare', { runs: [...chosen].join(',') }));
    go.classList.toggle('disabled', chosen.size < 2);
  };
  const list = h('ul', { class: 'picker' });
  for (const run of runs.filter((candidate) => candidate.kind === 'eval')) {
    const box = h('input', { type: 'checkbox', 'aria-label': `compare run ${run.runId}` });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(run.runId);
      else chosen.delete(run.runId);
      update();
    });
    list.append(
      h(
        'li',
        {},
        h(
          'label',
          {},
          box,
          ` ${run.model} · ${run.benchmark} · ${run.protocol} · `,
          h('span', { class: 'muted' }, run.runId),
        ),
      ),
    );
  }
  container.append(
    h('p', {}, 'Pick two or more runs of the same benchmark and protocol. The first one picked is A.'),
    list,
    go,
  );
}

/** Side by side: every run's interval, then A against each other run on paired items, with links to the items. */
export const compareView: View = (container, source, parameters) => {
  container.append(h('h1', {}, 'Compare'));
  const runIds = (parameters.get('runs') ?? '').split(',').filter((runId) => runId !== '');
  if (runIds.length < 2) {
    void source
      .runs()
      .then((runs) => picker(container, runs))
      .catch((error: unknown) => showError(container, error));
    return () => {};
  }
  const body = h('div');
  const marginText = parameters.get('margin');
  const margin = marginText === null || marginText === '' ? undefined : Number(marginText);
  const nonInferiority = parameters.get('noninferiority') === '1';
  container.append(marginForm(runIds, margin, nonInferiority), body);
  void source
    .compare(runIds, {
      ...(margin !== undefined && Number.isFinite(margin) && margin > 0 ? { margin, nonInferiority } : {}),
    })
    .then(({ runs, comparisons }) => {
      const kind = runs[0]?.headline?.kind ?? 'proportion';
      replaceChildren(
        body,
        h(
          'section',
          { class: 'card verdicts' },
          h('h2', {}, 'Verdicts'),
          h('ul', {}, ...comparisons.map(headline)),
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Runs'),
          intervalChart(
            runs.map((run, index) => ({
              label: `${index === 0 ? 'A' : `B${runs.length > 2 ? index : ''}`}: ${run.model}`,
              value: run.headline?.value ?? null,
              low: run.headline?.ci95[0] ?? null,
              high: run.headline?.ci95[1] ?? null,
            })),
            {
              min: kind === 'proportion' ? 0 : Math.min(...runs.map((run) => run.headline?.ci95[0] ?? 0)),
              max: kind === 'proportion' ? 1 : Math.max(...runs.map((run) => run.headline?.ci95[1] ?? 1)),
              format: (value) => formatPercent(value, kind),
            },
          ),
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Paired verdicts'),
          h(
            'table',
            { class: 'comparisons' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'A',
                  'B',
                  'benchmark',
                  'n paired',
                  'A',
                  'B',
                  'A − B [CI at the verdict’s level]',
                  'A better / B better',
                  'test',
                  'p (Holm)',
                  'verdict',
                  'items',
                ].map((label) => h('th', {}, label)),
              ),
            ),
            h(
              'tbody',
              {},
              ...comparisons.map((comparison) =>
                h(
                  'tr',
                  { class: `verdict-${comparison.verdict}` },
                  h('td', {}, comparison.a.model),
                  h('td', {}, comparison.b.model),
                  h('td', {}, `${comparison.benchmark} · ${comparison.protocol}`),
                  h('td', { class: 'num' }, String(comparison.nPaired)),
                  h('td', { class: 'num' }, formatPercent(comparison.a.value, comparison.kind)),
                  h('td', { class: 'num' }, formatPercent(comparison.b.value, comparison.kind)),
                  h('td', { class: 'num' }, differenceText(comparison)),
                  h('td', { class: 'num' }, `${comparison.aBetterCount} / ${comparison.bBetterCount}`),
                  h('td', { class: 'small' }, comparison.test.name),
                  h(
                    'td',
                    { class: 'num' },
                    comparison.test.pAdjusted === null ? '—' : comparison.test.pAdjusted.toPrecision(2),
                  ),
                  h('td', { class: 'verdict' }, verdictLabel(comparison)),
                  h(
                    'td',
                    {},
                    h(
                      'a',
                      {
                        href: viewLink('items', {
                          run: comparison.a.runId,
                          vs: comparison.b.runId,
                          filter: 'worse-than-vs',
                        }),
                      },
                      'wrong in A, right in B',
                    ),
                    h('br'),
                    h(
                      'a',
                      {
                        href: viewLink('items', {
                          run: comparison.a.runId,
                          vs: comparison.b.runId,
                          filter: 'better-than-vs',
                        }),
                      },
                      'right in A, wrong in B',
                    ),
                  ),
                ),
              ),
            ),
          ),
          intervalChart(
            comparisons.map((comparison) => ({
              label: `A − ${comparison.b.model}`,
              value: comparison.difference.value,
              low: comparison.difference.ci95[0],
              high: comparison.difference.ci95[1],
            })),
            {
              min: Math.min(-0.05, ...comparisons.map((comparison) => comparison.difference.ci95[0] ?? 0)),
              max: Math.max(0.05, ...comparisons.map((comparison) => comparison.difference.ci95[1] ?? 0)),
              format: (value) => formatPoints(value, kind, { signed: true }),
              zero: true,
            },
          ),
          h(
            'p',
            { class: 'muted small' },
            `Method: ${comparisons[0]?.method ?? ''}. Items are paired by id (an item's samples averaged first); only items both runs scored count.`,
          ),
        ),
      );
    })
    .catch((error: unknown) => showError(container, error));
  return () => {};
};
