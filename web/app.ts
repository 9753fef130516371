import type { DataSource } from './data-source.ts';
import { h, replaceChildren } from './dom.ts';
import type { View } from './links.ts';
import { benchView } from './views/bench-view.ts';
import { compareView } from './views/compare-view.ts';
import { itemsView } from './views/items-view.ts';
import { leaderboardView } from './views/leaderboard-view.ts';
import { runPage } from './views/run-page.ts';
import { runsView } from './views/runs-view.ts';
import { tcoView } from './views/tco-view.ts';

const views: readonly { path: string; title: string; view: View; hidden?: boolean }[] = [
  { path: 'runs', title: 'Runs', view: runsView },
  { path: 'run', title: 'Run', view: runPage, hidden: true },
  { path: 'leaderboard', title: 'Leaderboard', view: leaderboardView },
  { path: 'compare', title: 'Compare', view: compareView },
  { path: 'items', title: 'Items', view: itemsView },
  { path: 'bench', title: 'Latency', view: benchView },
  { path: 'tco', title: 'Cost', view: tcoView },
];

/** '#/items?run=x' → ['items', {run: x}]. */
function parseHash(hash: string): { path: string; parameters: URLSearchParams } {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  return {
    path: path || 'runs',
    parameters: new URLSearchParams(question < 0 ? '' : text.slice(question + 1)),
  };
}

export function startApp(root: HTMLElement, source: DataSource): void {
  const nav = h('nav', { class: 'nav' });
  const main = h('main', { id: 'view' });
  const header = h(
    'header',
    { class: 'top' },
    h('span', { class: 'brand' }, 'parity'),
    h('span', { class: 'mode' }, source.mode === 'live' ? 'live' : 'report'),
    nav,
  );
  replaceChildren(root, header, main);
  let stop: () => void = () => {};

  function render(): void {
    stop();
    const { path, parameters } = parseHash(location.hash);
    const entry = views.find((candidate) => candidate.path === path) ?? views[0];
    if (!entry) return;
    replaceChildren(
      nav,
      ...views
        .filter((candidate) => !candidate.hidden)
        .map((candidate) =>
          h(
            'a',
            { href: `#/${candidate.path}`, class: candidate === entry ? 'active' : undefined },
            candidate.title,
          ),
        ),
    );
    document.title = `parity · ${entry.title}`;
    replaceChildren(main);
    main.removeAttribute('data-status');
    main.setAttribute('data-view', entry.path);
    stop = entry.view(main, source, parameters);
  }

  window.addEventListener('hashchange', render);
  render();
}
