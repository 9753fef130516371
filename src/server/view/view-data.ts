import { runProtocol } from '../../benchmarks/registry.ts';
import { buildRunViews } from '../../report/report-data.ts';
import type { ItemView, LatencyView, RunView } from '../../report/view-model.ts';
import type { ModelCatalog } from '../../cost/catalog-types.ts';
import { loadModelCatalog } from '../../cost/load-catalog.ts';
import { runCostUsd } from '../../report/run-cost-summary.ts';
import type { ChatMessage, MetricSpec, RunStore, RunSummary } from '../../spec/index.ts';

export interface LoadedRun {
  readonly view: RunView;
  readonly items: readonly ItemView[];
  readonly latency: LatencyView;
  /** Items by key, for pairing with another run. */
  readonly byKey: ReadonlyMap<string, ItemView>;
  /** Every item's full request messages by key (few-shot turns included), for the drill-down detail. */
  readonly messagesByKey: ReadonlyMap<string, readonly ChatMessage[]>;
}

export interface ViewData {
  /** Every run, newest first. */
  listRuns(): LoadedRun[];
  /** The run, or undefined when the store has no such run. */
  getRun(runId: string): LoadedRun | undefined;
  /** The full request messages of one item (the drill-down detail). */
  getMessages(runId: string, key: string): readonly ChatMessage[] | undefined;
}

/** The protocol's metrics, or undefined for a benchmark or protocol this parity does not know. */
export function metricsFor(
  benchmark: string,
  protocol: string,
  task?: { readonly file: string; readonly definition: unknown },
): readonly MetricSpec[] | undefined {
  try {
    return runProtocol({ benchmark, protocol, ...(task ? { task } : {}) }).metrics;
  } catch {
    return undefined;
  }
}

/** The shipped model catalog (list prices), or undefined when it cannot be read: costs are then left out. */
export function shippedCatalog(): ModelCatalog | undefined {
  try {
    return loadModelCatalog();
  } catch {
    return undefined;
  }
}

function versionOf(summary: RunSummary): string {
  return `${summary.updatedAt}|${summary.status}|${summary.doneItems}`;
}

/**
 * Runs read through the RunStore and kept in memory, converted to views once per version of the run (its
 * updated_at, status and item count), so a finished run is read once and a running one again when it moves.
 * Filtering and paging then work on the in-memory items (docs/decisions/0071). With a
 * `catalog`, runs of models with a list price get their cost.
 */
export function createViewData(options: { store: RunStore; catalog?: ModelCatalog }): ViewData {
  const { store, catalog } = options;
  const cache = new Map<string, { version: string; run: LoadedRun }>();

  function load(summary: RunSummary): LoadedRun | undefined {
    const version = versionOf(summary);
    const hit = cache.get(summary.runId);
    if (hit?.version === version) return hit.run;
    const stored = store.getRun(summary.runId);
    if (!stored) return undefined;
    const costUsd = catalog ? runCostUsd({ run: stored, catalog }) : undefined;
    const fingerprints = store.getFingerprints?.(summary.runId);
    const { view, items, latency } = buildRunViews({
      run: stored,
      ...(fingerprints ? { fingerprints } : {}),
      metrics: metricsFor(stored.config.benchmark, stored.config.protocol, stored.config.task),
      ...(costUsd === undefined ? {} : { costUsd }),
    });
    const run = {
      view,
      items,
      latency,
      byKey: new Map(items.map((item) => [item.key, item])),
      messagesByKey: new Map(
        stored.items.map((record) => [`${record.itemId}#${record.sample}`, record.request.messages]),
      ),
    };
    // The version read before loading: a run that moved meanwhile is simply read again next time.
    cache.set(summary.runId, { version, run });
    return run;
  }

  return {
    listRuns() {
      const summaries = store.listRuns();
      const known = new Set(summaries.map((summary) => summary.runId));
      for (const runId of cache.keys()) if (!known.has(runId)) cache.delete(runId);
      return summaries.map(load).filter((run): run is LoadedRun => run !== undefined);
    },
    getRun(runId) {
      const summary = store.getSummary(runId);
      return summary === undefined ? undefined : load(summary);
    },
    getMessages(runId, key) {
      const summary = store.getSummary(runId);
      return summary === undefined ? undefined : load(summary)?.messagesByKey.get(key);
    },
  };
}
