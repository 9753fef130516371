import type { ItemFilter, ItemPage, ItemPageRow, RunView } from '../../src/report/view-model.ts';
import { formatMs, h, replaceChildren, truncate } from '../dom.ts';
import { itemDetail, scoreText } from './item-detail.ts';
import { showError, viewLink } from '../links.ts';
import type { View } from '../links.ts';

const pageSize = 50;

const filterLabels: Record<ItemFilter, string> = {
  all: 'all items',
  right: 'right',
  wrong: 'wrong',
  errors: 'errors',
  unscored: 'unscored',
  'worse-than-vs': 'wrong in A, right in B',
  'better-than-vs': 'right in A, wrong in B',
  'differs-from-vs': 'A and B differ',
};

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const element = h('option', { value }, label);
  element.selected = selected;
  return element;
}

function itemRow(row: ItemPageRow, hasVs: boolean, onOpen: () => void): HTMLTableRowElement {
  const { item, vs } = row;
  const tr = h(
    'tr',
    { class: `item status-${item.status}`, 'data-key': item.key, tabindex: 0 },
    h('td', { class: 'mono' }, item.itemId, item.sample > 0 ? `#${item.sample}` : ''),
    h('td', { class: 'small' }, item.group ?? ''),
    h('td', { class: 'num' }, scoreText(item)),
    hasVs ? h('td', { class: 'num' }, scoreText(vs)) : null,
    h('td', { class: 'mono' }, truncate(item.extracted ?? '', 24)),
    h('td', { class: 'mono gold' }, truncate(item.target ?? '—', 24)),
    h('td', { class: 'preview' }, truncate((item.response ?? item.error ?? '').replace(/\s+/g, ' '), 160)),
    h('td', { class: 'num' }, formatMs(item.latencyMs)),
    h('td', { class: 'num' }, item.outputTokens === null ? '—' : String(item.outputTokens)),
  );
  tr.addEventListener('click', onOpen);
  tr.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onOpen();
  });
  return tr;
}

/**
 * Per-item drill-down of run A (optionally beside run B): filters, group, text search and server-side pages
 * of 50; a row opens the prompt, responses and figures. All text is shown as text.
 */
export const itemsView: View = (container, source, parameters) => {
  container.append(h('h1', {}, 'Items'));
  const controls = h('div', { class: 'controls' });
  const summary = h('p', { class: 'muted', id: 'items-summary' });
  const table = h('table', { class: 'items' });
  const pager = h('div', { class: 'pager' });
  container.append(controls, summary, table, pager);
  const state = {
    run: parameters.get('run') ?? '',
    vs: parameters.get('vs') ?? '',
    filter: (parameters.get('filter') ?? 'all') as ItemFilter,
    group: parameters.get('group') ?? '',
    search: parameters.get('search') ?? '',
    offset: Number(parameters.get('offset') ?? 0) || 0,
  };
  let runs: readonly RunView[] = [];
  let sequence = 0;
  let stopped = false;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  const runSelect = h('select', { 'aria-label': 'run A', id: 'run-a' });
  const vsSelect = h('select', { 'aria-label': 'run B', id: 'run-b' });
  const filterSelect = h('select', { 'aria-label': 'filter', id: 'filter' });
  const groupSelect = h('select', { 'aria-label': 'group', id: 'group' });
  const searchInput = h('input', {
    type: 'search',
    placeholder: 'search text',
    'aria-label': 'search',
    id: 'search',
  });
  searchInput.value = state.search;

  function fillFilters(): void {
    const filters = (Object.keys(filterLabels) as ItemFilter[]).filter(
      (filter) => state.vs !== '' || !filter.endsWith('-vs'),
    );
    replaceChildren(
      filterSelect,
      ...filters.map((filter) => option(filter, filterLabels[filter], filter === state.filter)),
    );
  }

  function label(runId: string): string {
    const run = runs.find((candidate) => candidate.runId === runId);
    return run ? `${run.model} · ${run.benchmark} · ${run.runId}` : runId;
  }

  async function load(): Promise<void> {
    const ticket = (sequence += 1);
    container.setAttribute('data-status', 'loading');
    history.replaceState(
      null,
      '',
      viewLink('items', {
        run: state.run,
        vs: state.vs,
        filter: state.filter === 'all' ? undefined : state.filter,
        group: state.group,
        search: state.search,
        offset: state.offset ? String(state.offset) : undefined,
      }),
    );
    let page: ItemPage;
    try {
      page = await source.items(state.run, {
        filter: state.filter,
        offset: state.offset,
        limit: pageSize,
        ...(state.vs ? { vs: state.vs } : {}),
        ...(state.group ? { group: state.group } : {}),
        ...(state.search ? { search: state.search } : {}),
      });
    } catch (error) {
      showError(container, error);
      return;
    }
    if (stopped || ticket !== sequence) return;
    const hasVs = state.vs !== '';
    replaceChildren(
      groupSelect,
      option('', 'all groups', state.group === ''),
      ...page.groups.map((group) => option(group, group, group === state.group)),
    );
    const labels = { a: `A: ${label(state.run)}`, b: `B: ${label(state.vs)}` };
    const body = h('tbody');
    for (const row of page.rows) {
      let open: HTMLTableRowElement | undefined;
      const tr = itemRow(row, hasVs, () => {
        if (open) {
          open.remove();
          open = undefined;
          return;
        }
        open = h(
          'tr',
          { class: 'detail-row' },
          h('td', { colspan: hasVs ? 8 : 7 }, itemDetail(row, state.run, source, labels)),
        );
        tr.after(open);
      });
      body.append(tr);
    }
    replaceChildren(
      table,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            'id',
            'group',
            hasVs ? 'A' : 'score',
            hasVs ? 'B' : null,
            'extracted',
            'gold',
            'response',
            'latency',
            'out tokens',
          ]
            .filter((cell) => cell !== null)
            .map((cell) => h('th', {}, cell)),
        ),
      ),
      body,
    );
    const last = Math.min(page.total, page.offset + page.rows.length);
    summary.textContent =
      page.total === 0
        ? `No items match (of ${page.runTotal}).`
        : `Items ${page.offset + 1}–${last} of ${page.total} matching (${page.runTotal} in the run).`;
    const previous = h('button', { type: 'button', id: 'previous-page' }, '← previous');
    const next = h('button', { type: 'button', id: 'next-page' }, 'next →');
    previous.disabled = page.offset === 0;
    next.disabled = last >= page.total;
    previous.addEventListener('click', () => {
      state.offset = Math.max(0, state.offset - pageSize);
      void load();
    });
    next.addEventListener('click', () => {
      state.offset += pageSize;
      void load();
    });
    replaceChildren(
      pager,
      previous,
      ` page ${Math.floor(page.offset / pageSize) + 1} of ${Math.max(1, Math.ceil(page.total / pageSize))} `,
      next,
    );
    container.setAttribute('data-total', String(page.total));
    container.setAttribute('data-status', 'ready');
  }

  const reload = (): void => {
    state.offset = 0;
    void load();
  };
  runSelect.addEventListener('change', () => {
    state.run = runSelect.value;
    reload();
  });
  vsSelect.addEventListener('change', () => {
    state.vs = vsSelect.value;
    if (state.vs === '' && state.filter.endsWith('-vs')) state.filter = 'all';
    fillFilters();
    reload();
  });
  filterSelect.addEventListener('change', () => {
    state.filter = filterSelect.value as ItemFilter;
    reload();
  });
  groupSelect.addEventListener('change', () => {
    state.group = groupSelect.value;
    reload();
  });
  searchInput.addEventListener('input', () => {
    if (searchTimer !== undefined) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.search = searchInput.value;
      reload();
    }, 250);
  });

  void source
    .runs()
    .then((loaded) => {
      runs = loaded;
      if (stopped) return;
      if (state.run === '' || !runs.some((run) => run.runId === state.run)) state.run = runs[0]?.runId ?? '';
      if (state.run === '') {
        summary.textContent = 'No runs in this store yet.';
        return;
      }
      replaceChildren(
        runSelect,
        ...runs.map((run) => option(run.runId, label(run.runId), run.runId === state.run)),
      );
      replaceChildren(
        vsSelect,
        option('', '(no run B)', state.vs === ''),
        ...runs
          .filter((run) => run.runId !== state.run)
          .map((run) => option(run.runId, label(run.runId), run.runId === state.vs)),
      );
      fillFilters();
      replaceChildren(
        controls,
        h('label', {}, 'A ', runSelect),
        h('label', {}, 'B ', vsSelect),
        h('label', {}, 'show ', filterSelect),
        h('label', {}, 'group ', groupSelect),
        searchInput,
      );
      void load();
    })
    .catch((error: unknown) => showError(container, error));
  return () => {
    stopped = true;
    if (searchTimer !== undefined) clearTimeout(searchTimer);
  };
};
