import type { ItemGold } from './benchmark.ts';
import type {
  ItemDigest,
  ItemOutcome,
  ItemRecord,
  NewRun,
  RunConfig,
  RunConfigChange,
  RunOwner,
  RunStatus,
  RunSummary,
  StoredRun,
  ModelResponse,
} from './run.ts';

/** Persistent home of runs, per-item records and the response cache. */
export interface RunStore {
  createRun(run: NewRun): string;
  /** Stores an item record and, when it has a response, the cache entry, in one transaction. */
  recordItem(runId: string, record: ItemRecord, options: { updatedAt: string }): void;
  /**
   * Stores several item records (and their cache entries) in one transaction: all or none. Writers batch records
   * this way (group commit) so that many processes can share one store.
   */
  recordItems(runId: string, records: readonly ItemRecord[], options: { updatedAt: string }): void;
  /** Sets the status; with `owner`, also records the process now working on the run (resume). */
  setStatus(runId: string, status: RunStatus, options: { updatedAt: string; owner?: RunOwner }): void;
  /** The owner's sign of life: refreshes `owner.heartbeatAt` (a no-op for a run without owner). */
  heartbeat(runId: string, options: { at: string }): void;
  /** Replaces the run's configuration and appends `change` to its history, in one transaction. */
  changeConfig(runId: string, options: { config: RunConfig; change: RunConfigChange }): void;
  getRun(runId: string): StoredRun | undefined;
  getSummary(runId: string): RunSummary | undefined;
  /** Every item's outcome in the order recorded, without request and response text (cheap for large runs). */
  listItemOutcomes(runId: string): ItemOutcome[];
  listRuns(): RunSummary[];
  /**
   * Digests (no texts) of the items recorded after `afterSequence` (default 0: all), in the order recorded, and the
   * sequence to pass next time. A record written again appears again, with a later sequence.
   */
  readItemDigests?(runId: string, options?: { afterSequence?: number }): ItemDigests;
  /**
   * Aggregates of a run's items without reading them one by one (SQL over the digest index): counts, the values
   * of the item score `scoreKey` over ok items by group, token sums and the median measured latency.
   */
  aggregateItems?(runId: string, scoreKey: string): ItemAggregates;
  /** The run's dataset fingerprint alone (see getFingerprints), without its items'. */
  getDatasetFingerprint?(runId: string): string | undefined;
  /** The full records of the given items (keys as `itemKey`), in the order recorded; unknown keys are skipped. */
  getItemRecords?(runId: string, keys: readonly string[]): ItemRecord[];
  /** Every record of a run in the order recorded, read one at a time (a search over texts). */
  iterateItemRecords?(runId: string): Iterable<ItemRecord>;
  /** Ids (with sample index) of items that already have an `ok` record in the run. */
  completedItemKeys(runId: string): Set<string>;
  getCachedResponse(cacheKey: string): ModelResponse | undefined;
  /** Caches a response that belongs to no item record of its own (a step of a multi-step item); first one stays. */
  cacheResponse?(cacheKey: string, response: ModelResponse, options: { createdAt: string }): void;
  /** Every response cache entry, oldest first (`parity store copy` moves the cache with the runs). */
  iterateCache?(): Iterable<CacheEntry>;
  /** Records the content fingerprint of each planned item and of them as a dataset (once per run). */
  recordFingerprints?(runId: string, fingerprints: RunFingerprints): void;
  /** A run's fingerprints; undefined for runs stored without them (older runs, imports without the data). */
  getFingerprints?(runId: string): RunFingerprints | undefined;
  /** Records each planned item's gold answer (target, MC choices), once per run, for display. */
  recordGold?(runId: string, gold: ReadonlyMap<string, ItemGold>): void;
  /** A run's gold answers by item id; empty for runs stored without them. */
  getGold?(runId: string): ReadonlyMap<string, ItemGold>;
  /** Replaces the run's labels (`parity label`); InputError when there is no such run. */
  setLabels?(runId: string, labels: readonly string[]): void;
  /**
   * Deletes the run with its item records and fingerprints, in one transaction (`parity rm`); cached responses
   * stay, other runs may use them. Returns false when there is no such run.
   */
  deleteRun?(runId: string): boolean;
  close(): void;
}

/** See `RunStore.iterateCache`. */
export interface CacheEntry {
  readonly key: string;
  readonly response: ModelResponse;
  readonly createdAt: string;
}

/** See `RunStore.aggregateItems`. */
export interface ItemAggregates {
  readonly items: number;
  readonly errors: number;
  /** Ok items with at least one null score. */
  readonly unscored: number;
  /** How many ok items have each value of the score (null: unscored), per group (null: none). */
  readonly values: readonly {
    readonly group: string | null;
    readonly value: number | null;
    readonly count: number;
  }[];
  /** Sums over ok items that reported them; null when none did. */
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  /** Median end-to-end latency of ok items whose timing parity measured (nearest rank); null when none. */
  readonly medianLatencyMs: number | null;
}

/** See `RunStore.readItemDigests`. */
export interface ItemDigests {
  readonly items: readonly ItemDigest[];
  /** The sequence of the last record written so far (or `afterSequence` when none is newer). */
  readonly lastSequence: number;
}

/** What a run ran on: a fingerprint of each item's content (question, inputs, target) and of the set. */
export interface RunFingerprints {
  readonly dataset: string;
  readonly items: ReadonlyMap<string, string>;
}

/** The key used in `completedItemKeys`. */
export function itemKey(itemId: string, sample: number): string {
  return `${itemId}#${sample}`;
}
