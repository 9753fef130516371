import { runProtocol } from '../../benchmarks/registry.ts';
import { buildRunViews } from '../../report/report-data.ts';
import { buildRunView } from '../../report/run-view.ts';
import { aggregatesSuffice, runViewFromAggregates } from '../../report/run-view-from-aggregates.ts';
import { priceForModelSpec } from '../../cost/find-catalog-model.ts';
import { queryItems as filterItems } from '../../report/item-view.ts';
import { toItemView } from '../../report/item-view.ts';
import type { ItemPage, ItemQuery, ItemView, LatencyView, RunView } from '../../report/view-model.ts';
import type { ModelCatalog } from '../../cost/catalog-types.ts';
import { loadModelCatalog } from '../../cost/load-catalog.ts';
import { runCostUsd } from '../../analysis/run-cost-summary.ts';
import type {
  ChatMessage,
  ItemRecord,
  MetricSpec,
  RunFingerprints,
  RunStore,
  RunSummary,
} from '../../spec/index.ts';
import { itemKey } from '../../spec/index.ts';
import { digestRecord } from './digest-record.ts';
import { RunTally } from './run-tally.ts';

export interface LoadedRun {
  readonly view: RunView;
  /**
   * Every item in stored order, for filters, pairing and comparisons. For eval runs read from item digests these
   * views carry no texts (prompt and response empty): pages get theirs from `ViewData.queryItems`.
   */
  readonly items: readonly ItemView[];
  readonly latency: LatencyView;
  /** Items by key, for pairing with another run. */
  readonly byKey: ReadonlyMap<string, ItemView>;
}

export interface ViewData {
  /** Every run, newest first. */
  listRuns(): LoadedRun[];
  /** The run, or undefined when the store has no such run. */
  getRun(runId: string): LoadedRun | undefined;
  /** The full request messages of one item (the drill-down detail). */
  getMessages(runId: string, key: string): readonly ChatMessage[] | undefined;
  /** One page of a run's items with their texts (see `queryItems` in src/report/item-view.ts); `vs` pairs. */
  queryItems(run: LoadedRun, query: ItemQuery, vs?: LoadedRun): ItemPage;
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

/** A run as kept between requests: its loaded form, and for eval runs the digests read so far. */
interface CachedRun {
  version: string;
  run: LoadedRun;
  /** Records rebuilt from digests, by item key, in the order recorded (a re-recorded item moves to the end). */
  records?: Map<string, ItemRecord>;
  /** The records' aggregates, kept up to date as they are read (when aggregates give the run's line). */
  tally?: RunTally;
  sequence: number;
}

/** A run whose items (and latency) are built when first asked for: the runs list needs only its line. */
function lazyRun(view: RunView, build: () => Omit<LoadedRun, 'view'>): LoadedRun {
  let built: Omit<LoadedRun, 'view'> | undefined;
  const get = (): Omit<LoadedRun, 'view'> => (built ??= build());
  return {
    view,
    get items() {
      return get().items;
    },
    get latency() {
      return get().latency;
    },
    get byKey() {
      return get().byKey;
    },
  };
}

/**
 * Runs read through the RunStore and kept in memory (docs/decisions/0141). A finished eval run's line in the runs
 * list comes from SQL aggregates over the item digest index (`aggregateItems`); its items are read as digests
 * (outcome, usage, timing: no request or response text) only when something needs them (the drill-down, a
 * comparison, latency). A running run is read as digests, and when it moved since it was last read, only the
 * records written since then are read (`readItemDigests` after the last sequence seen), so a poll during a running
 * 14,000-item run reads a batch, not the run. Texts are read per page (`getItemRecords`), or streamed one record
 * at a time for a text search. Bench runs (a few records) are read whole. With a `catalog`, runs of models with a
 * list price get their cost.
 */
export function createViewData(options: { store: RunStore; catalog?: ModelCatalog }): ViewData {
  const { store, catalog } = options;
  const cache = new Map<string, CachedRun>();
  const readsDigests = store.readItemDigests !== undefined && store.getItemRecords !== undefined;

  function costOf(summary: RunSummary, records: readonly ItemRecord[]): number | undefined {
    return catalog ? runCostUsd({ run: { ...summary, items: records }, catalog }) : undefined;
  }

  function itemsOf(
    summary: RunSummary,
    records: readonly ItemRecord[],
    fingerprints: RunFingerprints | undefined,
  ): Omit<LoadedRun, 'view'> {
    const gold = store.getGold?.(summary.runId);
    const { items, latency } = buildRunViews({
      run: { ...summary, items: records },
      ...(fingerprints ? { fingerprints } : {}),
      ...(gold ? { gold } : {}),
      metrics: metricsFor(summary.config.benchmark, summary.config.protocol, summary.config.task),
    });
    return { items, latency, byKey: new Map(items.map((item) => [item.key, item])) };
  }

  function viewOf(summary: RunSummary, records: readonly ItemRecord[], dataset: string | undefined): RunView {
    const costUsd = costOf(summary, records);
    return buildRunView({
      run: { ...summary, items: records },
      metrics: metricsFor(summary.config.benchmark, summary.config.protocol, summary.config.task),
      ...(costUsd === undefined ? {} : { costUsd }),
      ...(dataset === undefined ? {} : { dataset }),
    });
  }

  function loadWhole(summary: RunSummary): CachedRun | undefined {
    const stored = store.getRun(summary.runId);
    if (!stored) return undefined;
    const fingerprints = store.getFingerprints?.(summary.runId);
    const gold = store.getGold?.(summary.runId);
    const { view, items, latency } = buildRunViews({
      run: stored,
      ...(fingerprints ? { fingerprints } : {}),
      ...(gold ? { gold } : {}),
      metrics: metricsFor(summary.config.benchmark, summary.config.protocol, summary.config.task),
      ...(catalog ? { costUsd: costOf(summary, stored.items) } : {}),
    });
    const byKey = new Map(items.map((item) => [item.key, item]));
    return { version: versionOf(summary), run: { view, items, latency, byKey }, sequence: 0 };
  }

  /** Reads the digests written after `previous` saw its last one (all of them without `previous`). */
  function readDigests(summary: RunSummary, previous: CachedRun | undefined, tally?: RunTally) {
    const records = previous?.records ?? new Map<string, ItemRecord>();
    const read = store.readItemDigests?.(summary.runId, { afterSequence: previous?.sequence ?? 0 });
    for (const digest of read?.items ?? []) {
      const key = itemKey(digest.itemId, digest.sample);
      // A record written again replaces the old one and takes its new place in the order recorded.
      const replaced = records.get(key);
      if (replaced) tally?.count(key, replaced, -1);
      records.delete(key);
      const record = digestRecord(digest);
      records.set(key, record);
      tally?.count(key, record, 1);
    }
    return { records, sequence: read?.lastSequence ?? previous?.sequence ?? 0 };
  }

  /** A running run (or one aggregates cannot summarize): its digests, read incrementally, then its line. */
  function loadDigests(summary: RunSummary, previous: CachedRun | undefined): CachedRun {
    const metrics = metricsFor(summary.config.benchmark, summary.config.protocol, summary.config.task);
    const metric = metrics?.[0];
    const tallied = metrics && metric && aggregatesSuffice(summary, metrics) && !priced(summary);
    const tally = tallied ? (previous?.tally ?? new RunTally(metric.itemScore)) : undefined;
    const { records, sequence } = readDigests(summary, previous, tally);
    const dataset = datasetOf(summary.runId);
    const items = () => itemsOf(summary, [...records.values()], store.getFingerprints?.(summary.runId));
    const view =
      tally && metrics
        ? runViewFromAggregates({
            summary,
            metrics,
            aggregates: tally.aggregates(),
            ...(dataset === undefined ? {} : { dataset }),
          })
        : viewOf(summary, [...records.values()], dataset);
    return {
      version: versionOf(summary),
      run: lazyRun(view, items),
      records,
      ...(tally ? { tally } : {}),
      sequence,
    };
  }

  /** A finished run: its line from SQL aggregates; its items read when first needed. */
  function loadAggregated(summary: RunSummary, metrics: readonly MetricSpec[]): CachedRun | undefined {
    const metric = metrics[0];
    const aggregates = metric ? store.aggregateItems?.(summary.runId, metric.itemScore) : undefined;
    if (!aggregates) return undefined;
    const dataset = datasetOf(summary.runId);
    const view = runViewFromAggregates({
      summary,
      metrics,
      aggregates,
      ...(dataset === undefined ? {} : { dataset }),
    });
    return {
      version: versionOf(summary),
      run: lazyRun(view, () => {
        const { records } = readDigests(summary, undefined);
        return itemsOf(summary, [...records.values()], store.getFingerprints?.(summary.runId));
      }),
      sequence: 0,
    };
  }

  function datasetOf(runId: string): string | undefined {
    return store.getDatasetFingerprint
      ? store.getDatasetFingerprint(runId)
      : store.getFingerprints?.(runId)?.dataset;
  }

  /** Whether the model has a list price (its cost then needs every item's usage). */
  function priced(summary: RunSummary): boolean {
    return catalog !== undefined && priceForModelSpec(catalog, summary.config.modelSpec) !== undefined;
  }

  function load(summary: RunSummary): LoadedRun | undefined {
    const version = versionOf(summary);
    const hit = cache.get(summary.runId);
    if (hit?.version === version) return hit.run;
    let fresh: CachedRun | undefined;
    const metrics = metricsFor(summary.config.benchmark, summary.config.protocol, summary.config.task);
    if (!readsDigests || summary.kind !== 'eval') fresh = loadWhole(summary);
    else if (
      summary.status !== 'running' &&
      !priced(summary) &&
      metrics &&
      aggregatesSuffice(summary, metrics) &&
      store.aggregateItems
    ) {
      fresh = loadAggregated(summary, metrics);
    } else fresh = loadDigests(summary, hit?.records ? hit : undefined);
    if (!fresh) return undefined;
    // The version read before loading: a run that moved meanwhile is simply read again (from there) next time.
    fresh.version = version;
    cache.set(summary.runId, fresh);
    return fresh.run;
  }

  /** The item score key of a run's headline metric (task runs rebuild their protocol from the stored task). */
  function scoreKeyOf(runId: string): string | undefined {
    const config = store.getSummary(runId)?.config;
    return config ? metricsFor(config.benchmark, config.protocol, config.task)?.[0]?.itemScore : undefined;
  }

  /** An item read with its texts, keeping what its digest view knew: its fingerprint and gold answer. */
  function withKnown(view: ItemView, known: ItemView | undefined): ItemView {
    if (!known) return view;
    return {
      ...view,
      ...(known.fingerprint === undefined ? {} : { fingerprint: known.fingerprint }),
      ...(known.target === undefined ? {} : { target: known.target }),
      ...(known.choices === undefined ? {} : { choices: known.choices }),
    };
  }

  /** The page's items with their texts: runs read from digests fetch the page's records. */
  function withTexts(run: LoadedRun, items: readonly ItemView[]): Map<string, ItemView> {
    const byKey = new Map<string, ItemView>();
    const keys = items.map((item) => item.key);
    if (!readsDigests || run.view.kind !== 'eval' || keys.length === 0) {
      for (const item of items) byKey.set(item.key, item);
      return byKey;
    }
    const scoreKey = scoreKeyOf(run.view.runId);
    for (const record of store.getItemRecords?.(run.view.runId, keys) ?? []) {
      const key = itemKey(record.itemId, record.sample);
      byKey.set(key, withKnown(toItemView(record, { scoreKey }), run.byKey.get(key)));
    }
    return byKey;
  }

  /** Every item of the run with its texts, read one record at a time (for a text search). */
  function allWithTexts(run: LoadedRun): ItemView[] {
    if (!readsDigests || run.view.kind !== 'eval' || !store.iterateItemRecords) return [...run.items];
    const scoreKey = scoreKeyOf(run.view.runId);
    const items: ItemView[] = [];
    for (const record of store.iterateItemRecords(run.view.runId)) {
      const key = itemKey(record.itemId, record.sample);
      const known = run.byKey.get(key);
      if (!known) continue;
      items.push(withKnown(toItemView(record, { scoreKey }), known));
    }
    return items;
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
      if (summary === undefined) return undefined;
      if (!store.getItemRecords)
        return store.getRun(runId)?.items.find((record) => itemKey(record.itemId, record.sample) === key)
          ?.request.messages;
      return store.getItemRecords(runId, [key])[0]?.request.messages;
    },
    queryItems(run, query, vs) {
      const searching = (query.search?.trim() ?? '') !== '';
      const page = filterItems(searching ? allWithTexts(run) : run.items, query, vs?.byKey);
      const items = searching
        ? new Map(page.rows.map((row) => [row.item.key, row.item]))
        : withTexts(
            run,
            page.rows.map((row) => row.item),
          );
      const vsItems = vs
        ? withTexts(
            vs,
            page.rows.flatMap((row) => (row.vs ? [row.vs] : [])),
          )
        : undefined;
      return {
        ...page,
        rows: page.rows.map((row) => {
          const item = items.get(row.item.key) ?? row.item;
          const paired = row.vs ? (vsItems?.get(row.vs.key) ?? row.vs) : undefined;
          return paired ? { item, vs: paired } : { item };
        }),
      };
    },
  };
}
