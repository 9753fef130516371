import { queryItems } from '../src/report/item-view.ts';
import { compareAgainst } from '../src/report/paired-comparison.ts';
import type { ItemView, ReportData } from '../src/report/view-model.ts';
import type { DataSource } from './data-source.ts';

/** The data inlined in an HTML report, queried in the page (same filters as the server). */
export function createEmbeddedSource(data: ReportData): DataSource {
  const itemsOf = (runId: string): readonly ItemView[] => data.items[runId] ?? [];
  const byKey = new Map<string, Map<string, ItemView>>();
  const keyed = (runId: string): Map<string, ItemView> => {
    let map = byKey.get(runId);
    if (!map) byKey.set(runId, (map = new Map(itemsOf(runId).map((item) => [item.key, item]))));
    return map;
  };
  return {
    mode: 'report',
    runs: async () => data.runs,
    runDetail: async (runId) => data.details?.[runId],
    leaderboards: async () => data.leaderboards,
    compare: async (runIds, options) => {
      const runs = runIds
        .map((runId) => data.runs.find((run) => run.runId === runId))
        .filter((run) => run !== undefined);
      const [first, ...others] = runs;
      const comparisons = first
        ? compareAgainst({
            a: first,
            aItems: itemsOf(first.runId),
            others: others.map((other) => ({ run: other, items: itemsOf(other.runId) })),
            ...(options?.margin === undefined
              ? data.margin
                ? { margin: data.margin }
                : {}
              : { margin: { points: options.margin, nonInferiority: options.nonInferiority === true } }),
          })
        : [];
      return { runs, comparisons };
    },
    items: async (runId, query) => queryItems(itemsOf(runId), query, query.vs ? keyed(query.vs) : undefined),
    messages: async () => undefined,
    latency: async (runIds) =>
      runIds && runIds.length > 0
        ? data.latency.filter((latency) => runIds.includes(latency.runId))
        : data.latency.filter((latency) => latency.kind === 'bench'),
  };
}
