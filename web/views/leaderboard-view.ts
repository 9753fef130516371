import { intervalChart } from '../charts.ts';
import { formatPercent, h } from '../dom.ts';
import { showError } from '../links.ts';
import type { View } from '../links.ts';

/**
 * One chart per benchmark, protocol and dataset: each run's headline with its 95% interval, best first. Runs
 * on different data (another dataset version or item subset) get boards of their own.
 */
export const leaderboardView: View = (container, source) => {
  container.append(h('h1', {}, 'Leaderboard'));
  void source
    .leaderboards()
    .then((boards) => {
      if (boards.length === 0) container.append(h('p', { class: 'muted' }, 'No scored eval runs yet.'));
      const shared = new Map<string, number>();
      for (const board of boards) {
        const key = `${board.benchmark} ${board.protocol}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
      for (const board of boards) {
        const split = (shared.get(`${board.benchmark} ${board.protocol}`) ?? 0) > 1;
        const dataset =
          board.dataset === null ? 'items not fingerprinted' : `dataset ${board.dataset.slice(0, 8)}`;
        const values = board.runs.flatMap((run) => [run.headline?.ci95[0] ?? 0, run.headline?.ci95[1] ?? 0]);
        const min = board.kind === 'proportion' ? 0 : Math.min(...values);
        const max = board.kind === 'proportion' ? 1 : Math.max(...values);
        container.append(
          h(
            'section',
            { class: 'card leaderboard', 'data-benchmark': board.benchmark },
            h('h2', {}, `${board.benchmark} · ${board.protocol}${split ? ` · ${dataset}` : ''}`),
            h(
              'p',
              { class: 'muted small' },
              `${board.metric}, 95% intervals; n scored items beside each run.${split ? ' Runs on different items are on separate boards.' : ''}`,
            ),
            intervalChart(
              board.runs.map((run) => ({
                label: run.model,
                value: run.headline?.value ?? null,
                low: run.headline?.ci95[0] ?? null,
                high: run.headline?.ci95[1] ?? null,
                note: `${formatPercent(run.headline?.value ?? null, board.kind)}  n=${run.headline?.n ?? 0}`,
              })),
              { min, max, format: (value) => formatPercent(value, board.kind) },
            ),
          ),
        );
      }
    })
    .catch((error: unknown) => showError(container, error));
  return () => {};
};
