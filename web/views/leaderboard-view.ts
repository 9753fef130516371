import { intervalChart } from '../charts.ts';
import { formatPercent, h } from '../dom.ts';
import { showError } from '../links.ts';
import type { View } from '../links.ts';

/** One chart per benchmark and protocol: each run's headline with its 95% interval, best first. */
export const leaderboardView: View = (container, source) => {
  container.append(h('h1', {}, 'Leaderboard'));
  void source
    .leaderboards()
    .then((boards) => {
      if (boards.length === 0) container.append(h('p', { class: 'muted' }, 'No scored eval runs yet.'));
      for (const board of boards) {
        const values = board.runs.flatMap((run) => [run.headline?.ci95[0] ?? 0, run.headline?.ci95[1] ?? 0]);
        const min = board.kind === 'proportion' ? 0 : Math.min(...values);
        const max = board.kind === 'proportion' ? 1 : Math.max(...values);
        container.append(
          h(
            'section',
            { class: 'card leaderboard', 'data-benchmark': board.benchmark },
            h('h2', {}, `${board.benchmark} · ${board.protocol}`),
            h(
              'p',
              { class: 'muted small' },
              `${board.metric}, 95% intervals; n scored items beside each run.`,
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
