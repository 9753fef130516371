import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InputError, itemKey } from '../spec/index.ts';
import type {
  CacheEntry,
  ItemGold,
  ItemAggregates,
  ItemDigests,
  ItemOutcome,
  ItemRecord,
  ModelResponse,
  NewRun,
  RunConfig,
  RunConfigChange,
  RunOwner,
  RunStatus,
  RunStore,
  RunFingerprints,
  RunSummary,
  StoredRun,
} from '../spec/index.ts';
import { cacheReference, namedResponseSql, parseCacheReference } from './cache-reference.ts';
import { requestJson } from './request-json.ts';
import { generateRunId } from './run-id.ts';
import {
  currentSchemaVersion,
  migrateStore,
  oldestReadableSchemaVersion,
  readSchemaVersion,
} from './store-migrations.ts';
import { StoreError, storeErrorFrom } from './store-error.ts';
import { createStoredAggregates } from './stored-aggregates.ts';
import { createRowReader, digestColumns, itemColumns, outcomeColumns, runColumns } from './stored-rows.ts';
import type { DigestRow, ItemRow, OutcomeRow, RunLiveness, RunRow } from './stored-rows.ts';

export interface SqliteRunStoreOptions {
  /** Database file; its folder is created when missing. */
  readonly path: string;
  /** New run ids. Default `generateRunId()` (UTC time + 4 random characters). */
  readonly generateId?: () => string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5 000. */
  readonly busyTimeoutMs?: number;
  /**
   * When the file exists but this user may not write it (or its folder), open it read-only instead of failing:
   * reads work, writes throw StoreError 'read-only'. For commands that only read (`runs`, `show`, `view`,
   * `report`). Default false.
   */
  readonly allowReadOnly?: boolean;
  /**
   * How to check that the owner of a `running` run is alive; a run whose owner is gone (killed) then reads back as
   * `interrupted`. Without it, statuses read back as stored.
   */
  readonly liveness?: RunLiveness;
}

/** The values of an item row, in the order of `itemWriteColumns`. */
type ItemValues = [
  runId: string,
  itemId: string,
  sample: number,
  status: string,
  group: string | null,
  request: string,
  response: string | null,
  error: string | null,
  extracted: string | null,
  scores: string,
  cached: number,
  attempts: number,
  cacheKey: string,
];

const itemWriteColumns =
  'run_id, item_id, sample, status, item_group, request, response, error, extracted, scores, cached, attempts, cache_key';

/** Attempts at a fresh id when a generated one is taken already. */
const idAttempts = 8;

/**
 * The embedded run store: one SQLite file (WAL, synchronous = NORMAL) holding runs, per-item records and the
 * response cache. Safe to open from several processes at once; writes wait up to `busyTimeoutMs` for a lock.
 * Every value read back is checked; a damaged row throws StoredRecordError naming the run and item.
 * `doneItems` counts items that have a record, whatever its status; re-recording an item replaces its record.
 */
export function openSqliteRunStore(options: SqliteRunStoreOptions): RunStore {
  const path = resolve(options.path);
  const generateId = options.generateId ?? (() => generateRunId());
  const database = openDatabase({
    path,
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
    allowReadOnly: options.allowReadOnly ?? false,
  });

  const rows = createRowReader({
    databasePath: path,
    ...(options.liveness ? { liveness: options.liveness } : {}),
  });
  const statements = {
    insertRun: database.prepare<[string, string, string, string, number, string, string, string | null]>(
      `INSERT OR IGNORE INTO runs (id, kind, config, status, done_items, total_items, created_at, updated_at, owner)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    ),
    updateStatusAndOwner: database.prepare<[string, string, string, string]>(
      'UPDATE runs SET status = ?, updated_at = ?, owner = ? WHERE id = ?',
    ),
    heartbeat: database.prepare<[string, string]>(
      "UPDATE runs SET owner = json_set(owner, '$.heartbeatAt', ?) WHERE id = ? AND owner IS NOT NULL",
    ),
    updateConfig: database.prepare<[string, string, string]>(
      'UPDATE runs SET config = ?, history = ? WHERE id = ?',
    ),
    selectRun: database.prepare<[string], RunRow>(`SELECT ${runColumns} FROM runs WHERE id = ?`),
    selectRuns: database.prepare<[], RunRow>(
      `SELECT ${runColumns} FROM runs ORDER BY created_at DESC, rowid DESC`,
    ),
    updateStatus: database.prepare<[string, string, string]>(
      'UPDATE runs SET status = ?, updated_at = ? WHERE id = ?',
    ),
    advanceRun: database.prepare<[number, string, string]>(
      'UPDATE runs SET done_items = done_items + ?, updated_at = ? WHERE id = ?',
    ),
    // A new item: one statement, no lookup first. `changes` is 0 when the item has a record already.
    insertItem: database.prepare<ItemValues>(
      `INSERT INTO items (${itemWriteColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, item_id, sample) DO NOTHING`,
    ),
    // REPLACE deletes the old row and inserts a new one: a re-recorded item gets a new rowid, so readers that
    // keep up by rowid (readItemDigests) see it again.
    replaceItem: database.prepare<ItemValues>(
      `INSERT OR REPLACE INTO items (${itemWriteColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    selectItems: database.prepare<[string], ItemRow>(
      `SELECT ${itemColumns} FROM items WHERE run_id = ? ORDER BY rowid`,
    ),
    selectOutcomes: database.prepare<[string], OutcomeRow>(
      `SELECT ${outcomeColumns} FROM items WHERE run_id = ? ORDER BY rowid`,
    ),
    selectDigests: database.prepare<[string, number], DigestRow>(
      `SELECT ${digestColumns} FROM items WHERE run_id = ? AND rowid > ? ORDER BY rowid`,
    ),
    selectItem: database.prepare<[string, string, number], ItemRow & { sequence: number }>(
      `SELECT rowid AS sequence, ${itemColumns} FROM items WHERE run_id = ? AND item_id = ? AND sample = ?`,
    ),
    // These read the items_digests covering index only: the same expressions as the index.
    aggregateValues: database.prepare<
      [string, string],
      { item_group: string | null; value: number | null; count: number }
    >(
      `SELECT item_group, json_extract(scores, ?) AS value, count(*) AS count FROM items
       WHERE run_id = ? AND status = 'ok' GROUP BY item_group, value`,
    ),
    aggregateCounts: database.prepare<
      [string],
      {
        items: number;
        errors: number | null;
        unscored: number | null;
        input_tokens: number | null;
        output_tokens: number | null;
      }
    >(
      `SELECT count(*) AS items, sum(status = 'error') AS errors,
         sum(status = 'ok' AND instr(scores, 'null') > 0
           AND EXISTS (SELECT 1 FROM json_each(scores) WHERE type = 'null')) AS unscored,
         sum(CASE WHEN status = 'ok' THEN json_extract(json_extract(response, '$.usage'), '$.inputTokens') END) AS input_tokens,
         sum(CASE WHEN status = 'ok' THEN json_extract(json_extract(response, '$.usage'), '$.outputTokens') END) AS output_tokens
       FROM items WHERE run_id = ?`,
    ),
    // Every measured latency of the run at once: one pass over the index, sorted here (two SQL passes and an
    // ORDER BY over 14,000 rows cost twice the CPU).
    measuredLatencies: database
      .prepare<[string], unknown>(
        `SELECT json_extract(json_extract(response, '$.timing'), '$.totalMs') AS ms FROM items
         WHERE run_id = ? AND status = 'ok' AND (attempts > 0 OR cached != 0) AND ms IS NOT NULL`,
      )
      .pluck(),
    selectOkKeys: database.prepare<[string], { item_id: string; sample: number }>(
      "SELECT item_id, sample FROM items WHERE run_id = ? AND status = 'ok'",
    ),
    // The first response stored under a key stays: any later one for the same key is an equally valid sample.
    insertCache: database.prepare<[string, string, string]>(
      'INSERT INTO cache (key, response, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    // A row that names an item reads that item's response as `named` (cache-reference.ts).
    selectCache: database.prepare<[string], { response: string; named: string | null }>(
      `SELECT response, ${namedResponseSql} AS named FROM cache WHERE key = ?`,
    ),
    selectCacheEntries: database.prepare<
      [],
      { key: string; response: string; named: string | null; created_at: string }
    >(`SELECT key, response, ${namedResponseSql} AS named, created_at FROM cache ORDER BY created_at, key`),
    selectRunResponses: database.prepare<
      [string],
      { item_id: string; sample: number; cache_key: string; response: string }
    >(
      "SELECT item_id, sample, cache_key, response FROM items WHERE run_id = ? AND status = 'ok' AND response IS NOT NULL",
    ),
    selectItemResponse: database.prepare<
      [string, string, number],
      { cache_key: string; response: string | null }
    >(
      "SELECT cache_key, response FROM items WHERE run_id = ? AND item_id = ? AND sample = ? AND status = 'ok'",
    ),
    replaceCacheReference: database.prepare<[string, string, string]>(
      'UPDATE cache SET response = ? WHERE key = ? AND response = ?',
    ),
    insertFingerprint: database.prepare<[string, string, string]>(
      'INSERT OR REPLACE INTO item_fingerprints (run_id, item_id, fingerprint) VALUES (?, ?, ?)',
    ),
    insertDataset: database.prepare<[string, string, number]>(
      'INSERT OR REPLACE INTO run_datasets (run_id, fingerprint, items) VALUES (?, ?, ?)',
    ),
    selectDataset: database.prepare<[string], { fingerprint: string }>(
      'SELECT fingerprint FROM run_datasets WHERE run_id = ?',
    ),
    updateLabels: database.prepare<[string, string]>('UPDATE runs SET labels = ? WHERE id = ?'),
    deleteItems: database.prepare<[string]>('DELETE FROM items WHERE run_id = ?'),
    deleteFingerprints: database.prepare<[string]>('DELETE FROM item_fingerprints WHERE run_id = ?'),
    deleteGold: database.prepare<[string]>('DELETE FROM item_gold WHERE run_id = ?'),
    deleteDataset: database.prepare<[string]>('DELETE FROM run_datasets WHERE run_id = ?'),
    deleteRun: database.prepare<[string]>('DELETE FROM runs WHERE id = ?'),
    selectFingerprints: database.prepare<[string], { item_id: string; fingerprint: string }>(
      'SELECT item_id, fingerprint FROM item_fingerprints WHERE run_id = ?',
    ),
    insertGold: database.prepare<[string, string, string, string | null]>(
      'INSERT OR REPLACE INTO item_gold (run_id, item_id, target, choices) VALUES (?, ?, ?, ?)',
    ),
    selectGold: database.prepare<[string], { item_id: string; target: string; choices: string | null }>(
      'SELECT item_id, target, choices FROM item_gold WHERE run_id = ?',
    ),
  };

  // The runs list's figures of one run, from SQL over the digest index (stored for finished runs: stored-aggregates.ts).
  function computeAggregates(runId: string, scoreKey: string): ItemAggregates {
    const path = `$.${JSON.stringify(scoreKey)}`;
    const values = statements.aggregateValues.all(path, runId).map((row) => ({
      group: row.item_group,
      value: typeof row.value === 'number' ? row.value : null,
      count: row.count,
    }));
    const counts = statements.aggregateCounts.get(runId);
    const latencies = statements.measuredLatencies.all(runId);
    // Nearest rank over the values SQLite would order by: numbers first, ascending (a damaged non-number
    // sorts after them and reads as no median).
    const numbers = Float64Array.from(latencies.filter((ms): ms is number => typeof ms === 'number')).sort();
    const rank = Math.ceil(0.5 * latencies.length) - 1;
    const median =
      latencies.length === 0 ? undefined : { ms: rank < numbers.length ? numbers[rank] : undefined };
    return {
      items: counts?.items ?? 0,
      errors: counts?.errors ?? 0,
      unscored: counts?.unscored ?? 0,
      values,
      inputTokens: counts?.input_tokens ?? null,
      outputTokens: counts?.output_tokens ?? null,
      medianLatencyMs: typeof median?.ms === 'number' ? median.ms : null,
    };
  }
  const storedAggregates = createStoredAggregates(database, computeAggregates);

  const recordFingerprints = database.transaction((runId: string, fingerprints: RunFingerprints): void => {
    if (statements.selectRun.get(runId) === undefined) {
      throw new InputError(`no run with id ${runId}`, { location: path });
    }
    statements.insertDataset.run(runId, fingerprints.dataset, fingerprints.items.size);
    for (const [itemId, fingerprint] of fingerprints.items)
      statements.insertFingerprint.run(runId, itemId, fingerprint);
  });

  const recordGold = database.transaction((runId: string, gold: ReadonlyMap<string, ItemGold>): void => {
    if (statements.selectRun.get(runId) === undefined) {
      throw new InputError(`no run with id ${runId}`, { location: path });
    }
    for (const [itemId, entry] of gold)
      statements.insertGold.run(
        runId,
        itemId,
        entry.target,
        entry.choices === undefined ? null : JSON.stringify(entry.choices),
      );
  });

  // Immediate: the write lock is taken before the first read. A deferred transaction that reads and then writes
  // cannot wait for the lock in WAL mode (SQLite answers SQLITE_BUSY at once instead of calling the busy handler).
  const recordTransaction = database.transaction(
    (runId: string, records: readonly ItemRecord[], updatedAt: string): void => {
      let added = 0;
      for (const record of records) if (writeItem(runId, record, updatedAt)) added += 1;
      // Last: a missing run rolls back the items written above.
      const advanced = statements.advanceRun.run(added, updatedAt, runId);
      if (advanced.changes === 0) throw new InputError(`no run with id ${runId}`, { location: path });
    },
  );

  /** Writes one item record and, for an answer, its cache row; true when the item had no record before. */
  function writeItem(runId: string, record: ItemRecord, updatedAt: string): boolean {
    const responseJson = record.response === undefined ? null : JSON.stringify(record.response);
    const values: ItemValues = [
      runId,
      record.itemId,
      record.sample,
      record.status,
      record.group ?? null,
      requestJson(record.request),
      responseJson,
      record.error === undefined
        ? null
        : JSON.stringify({ name: record.error.name, message: record.error.message }),
      record.extracted,
      JSON.stringify(record.scores),
      record.cached ? 1 : 0,
      record.attempts,
      record.cacheKey,
    ];
    const added = statements.insertItem.run(...values).changes > 0;
    if (!added) {
      keepCachedResponse(runId, record.itemId, record.sample);
      statements.replaceItem.run(...values);
    }
    if (record.status === 'ok' && responseJson !== null) {
      // The response is in the item row already: the cache row names it instead of holding a second copy.
      statements.insertCache.run(
        record.cacheKey,
        cacheReference(runId, record.itemId, record.sample),
        updatedAt,
      );
    }
    return added;
  }

  /** Before an item row is replaced, a cache row naming it gets the response it held (the first one stays). */
  function keepCachedResponse(runId: string, itemId: string, sample: number): void {
    const row = statements.selectItemResponse.get(runId, itemId, sample);
    if (row === undefined || row.response === null) return;
    statements.replaceCacheReference.run(row.response, row.cache_key, cacheReference(runId, itemId, sample));
  }

  /** A cache row's response JSON: its own, or that of the item row it names; undefined when that is gone. */
  function cachedJson(row: { response: string; named: string | null }): string | undefined {
    return parseCacheReference(row.response) === undefined ? row.response : (row.named ?? undefined);
  }

  const changeConfigTransaction = database.transaction(
    (runId: string, config: RunConfig, change: RunConfigChange): void => {
      const row = statements.selectRun.get(runId);
      if (row === undefined) throw new InputError(`no run with id ${runId}`, { location: path });
      const history = [...(rows.toSummary(row).history ?? []), change];
      statements.updateConfig.run(JSON.stringify(config), JSON.stringify(history), runId);
    },
  );

  const deleteRunTransaction = database.transaction((runId: string): boolean => {
    // The cache keeps the run's answers: rows that name its items get the responses themselves first.
    for (const row of statements.selectRunResponses.all(runId)) {
      statements.replaceCacheReference.run(
        row.response,
        row.cache_key,
        cacheReference(runId, row.item_id, row.sample),
      );
    }
    statements.deleteItems.run(runId);
    statements.deleteFingerprints.run(runId);
    statements.deleteGold.run(runId);
    statements.deleteDataset.run(runId);
    storedAggregates.forget(runId);
    return statements.deleteRun.run(runId).changes > 0;
  });

  // One read transaction, so the summary and the items are one consistent snapshot.
  const readRun = database.transaction((runId: string): StoredRun | undefined => {
    const row = statements.selectRun.get(runId);
    if (row === undefined) return undefined;
    const items = statements.selectItems.all(runId).map((itemRow) => rows.toItemRecord(runId, itemRow));
    return { ...rows.toSummary(row), items };
  });

  const store = {
    createRun(run: NewRun): string {
      const configJson = JSON.stringify(run.config);
      for (let attempt = 1; ; attempt += 1) {
        const runId = generateId();
        // INSERT OR IGNORE: a taken id (another process may have drawn it too) changes nothing; draw again.
        const inserted = statements.insertRun.run(
          runId,
          run.kind,
          configJson,
          'running',
          run.totalItems,
          run.createdAt,
          run.createdAt,
          run.owner ? JSON.stringify(run.owner) : null,
        );
        if (inserted.changes === 0) {
          if (attempt >= idAttempts) {
            throw new InputError(`could not allocate a free run id (last tried ${runId})`, {
              location: path,
            });
          }
          continue;
        }
        return runId;
      }
    },

    recordItem(runId: string, record: ItemRecord, recordOptions: { updatedAt: string }): void {
      recordTransaction.immediate(runId, [record], recordOptions.updatedAt);
    },

    recordItems(runId: string, records: readonly ItemRecord[], recordOptions: { updatedAt: string }): void {
      if (records.length > 0) recordTransaction.immediate(runId, records, recordOptions.updatedAt);
    },

    setStatus(
      runId: string,
      status: RunStatus,
      statusOptions: { updatedAt: string; owner?: RunOwner },
    ): void {
      const result = statusOptions.owner
        ? statements.updateStatusAndOwner.run(
            status,
            statusOptions.updatedAt,
            JSON.stringify(statusOptions.owner),
            runId,
          )
        : statements.updateStatus.run(status, statusOptions.updatedAt, runId);
      if (result.changes === 0) throw new InputError(`no run with id ${runId}`, { location: path });
      // A run that stopped running keeps its aggregates, so the viewer's runs list reads them at once.
      if (status !== 'running') storedAggregates.store(runId);
    },

    heartbeat(runId: string, heartbeatOptions: { at: string }): void {
      statements.heartbeat.run(heartbeatOptions.at, runId);
    },

    changeConfig(runId: string, changeOptions: { config: RunConfig; change: RunConfigChange }): void {
      changeConfigTransaction.immediate(runId, changeOptions.config, changeOptions.change);
    },

    getRun(runId: string): StoredRun | undefined {
      return readRun(runId);
    },

    getSummary(runId: string): RunSummary | undefined {
      const row = statements.selectRun.get(runId);
      return row === undefined ? undefined : rows.toSummary(row);
    },

    listItemOutcomes(runId: string): ItemOutcome[] {
      return statements.selectOutcomes.all(runId).map((row) => rows.toItemOutcome(runId, row));
    },

    listRuns(): RunSummary[] {
      return statements.selectRuns.all().map(rows.toSummary);
    },

    readItemDigests(runId: string, digestOptions: { afterSequence?: number } = {}): ItemDigests {
      const after = digestOptions.afterSequence ?? 0;
      const items = statements.selectDigests.all(runId, after).map((row) => rows.toItemDigest(runId, row));
      return { items, lastSequence: items.at(-1)?.sequence ?? after };
    },

    aggregateItems(runId: string, scoreKey: string): ItemAggregates {
      return storedAggregates.read(runId, scoreKey);
    },

    getDatasetFingerprint(runId: string): string | undefined {
      return statements.selectDataset.get(runId)?.fingerprint;
    },

    getItemRecords(runId: string, keys: readonly string[]): ItemRecord[] {
      const found: (ItemRow & { sequence: number })[] = [];
      for (const key of keys) {
        const hash = key.lastIndexOf('#');
        if (hash === -1) continue;
        const row = statements.selectItem.get(runId, key.slice(0, hash), Number(key.slice(hash + 1)));
        if (row) found.push(row);
      }
      return found
        .sort((left, right) => left.sequence - right.sequence)
        .map((row) => rows.toItemRecord(runId, row));
    },

    *iterateItemRecords(runId: string): Iterable<ItemRecord> {
      for (const row of statements.selectItems.iterate(runId)) yield rows.toItemRecord(runId, row);
    },

    completedItemKeys(runId: string): Set<string> {
      return new Set(statements.selectOkKeys.all(runId).map((row) => itemKey(row.item_id, row.sample)));
    },

    getCachedResponse(cacheKey: string): ModelResponse | undefined {
      const row = statements.selectCache.get(cacheKey);
      const responseJson = row === undefined ? undefined : cachedJson(row);
      return responseJson === undefined ? undefined : rows.toCachedResponse(cacheKey, responseJson);
    },

    cacheResponse(cacheKey: string, response: ModelResponse, cacheOptions: { createdAt: string }): void {
      statements.insertCache.run(cacheKey, JSON.stringify(response), cacheOptions.createdAt);
    },

    *iterateCache(): Iterable<CacheEntry> {
      for (const row of statements.selectCacheEntries.iterate()) {
        const responseJson = cachedJson(row);
        if (responseJson === undefined) continue;
        yield {
          key: row.key,
          response: rows.toCachedResponse(row.key, responseJson),
          createdAt: row.created_at,
        };
      }
    },

    recordFingerprints(runId: string, fingerprints: RunFingerprints): void {
      recordFingerprints.immediate(runId, fingerprints);
    },

    getFingerprints(runId: string): RunFingerprints | undefined {
      const dataset = statements.selectDataset.get(runId);
      if (dataset === undefined) return undefined;
      const items = new Map(
        statements.selectFingerprints.all(runId).map((row) => [row.item_id, row.fingerprint]),
      );
      return { dataset: dataset.fingerprint, items };
    },

    recordGold(runId: string, gold: ReadonlyMap<string, ItemGold>): void {
      recordGold.immediate(runId, gold);
    },

    getGold(runId: string): ReadonlyMap<string, ItemGold> {
      return new Map(
        statements.selectGold.all(runId).map((row) => [row.item_id, rows.toItemGold(row, runId)] as const),
      );
    },

    setLabels(runId: string, labels: readonly string[]): void {
      const result = statements.updateLabels.run(JSON.stringify(labels), runId);
      if (result.changes === 0) throw new InputError(`no run with id ${runId}`, { location: path });
    },

    deleteRun(runId: string): boolean {
      return deleteRunTransaction.immediate(runId);
    },

    close(): void {
      if (database.open) database.close();
    },
  } satisfies RunStore;
  return withStoreErrors(store, path);
}

/** Opens (creating when missing) and migrates the file; see SqliteRunStoreOptions.allowReadOnly. */
function openDatabase(options: {
  path: string;
  busyTimeoutMs: number;
  allowReadOnly: boolean;
}): Database.Database {
  const { path } = options;
  let database: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    database = new Database(path, { timeout: options.busyTimeoutMs });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    migrateStore(database, { path });
    return database;
  } catch (error) {
    database?.close();
    const storeError = storeErrorFrom(error, path);
    const unwritable = storeError?.problem === 'read-only' || storeError?.problem === 'unopenable';
    if (options.allowReadOnly && unwritable && existsSync(path)) return openReadOnly(path, storeError);
    throw storeError ?? error;
  }
}

/**
 * A store this user may read but not write. SQLite reads a WAL-mode file only when it may create the `-shm`
 * file beside it; when the folder is not writable either, the file is read into memory (its header switched
 * from WAL to rollback mode, which only the in-memory copy sees).
 */
function openReadOnly(path: string, writeError: StoreError): Database.Database {
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { readonly: true, fileMustExist: true });
    readSchemaVersion(database);
  } catch {
    database?.close();
    try {
      const image = readFileSync(path);
      // Bytes 18 and 19: file format write/read versions, 2 = WAL, 1 = rollback journal.
      if (image.length > 19) image.fill(1, 18, 20);
      database = new Database(image, { readonly: true });
    } catch (error) {
      throw storeErrorFrom(error, path) ?? writeError;
    }
  }
  try {
    const version = readSchemaVersion(database);
    if (version < oldestReadableSchemaVersion || version > currentSchemaVersion) {
      throw new StoreError({
        problem: 'read-only',
        storePath: path,
        detail: `schema version ${version}, this parity needs ${currentSchemaVersion}: open it once with write access to upgrade it`,
      });
    }
  } catch (error) {
    database.close();
    throw storeErrorFrom(error, path) ?? error;
  }
  return database;
}

/** Iterates, turning SQLite failures (at the start or part-way) into StoreErrors. */
function* guardedIteration<T>(start: () => Iterable<T>, path: string): Iterable<T> {
  try {
    yield* start();
  } catch (error) {
    throw storeErrorFrom(error, path) ?? error;
  }
}

/** The same store whose every method turns SQLite and file-system failures into one-line StoreErrors. */
function withStoreErrors(store: Required<RunStore>, path: string): Required<RunStore> {
  const guard =
    <Arguments extends unknown[], Result>(method: (...args: Arguments) => Result) =>
    (...args: Arguments): Result => {
      try {
        return method(...args);
      } catch (error) {
        throw storeErrorFrom(error, path) ?? error;
      }
    };
  return {
    createRun: guard(store.createRun),
    recordItem: guard(store.recordItem),
    recordItems: guard(store.recordItems),
    setStatus: guard(store.setStatus),
    heartbeat: guard(store.heartbeat),
    changeConfig: guard(store.changeConfig),
    getRun: guard(store.getRun),
    getSummary: guard(store.getSummary),
    listItemOutcomes: guard(store.listItemOutcomes),
    listRuns: guard(store.listRuns),
    readItemDigests: guard(store.readItemDigests),
    getItemRecords: guard(store.getItemRecords),
    aggregateItems: guard(store.aggregateItems),
    getDatasetFingerprint: guard(store.getDatasetFingerprint),
    iterateItemRecords: (runId) => guardedIteration(() => store.iterateItemRecords(runId), path),
    iterateCache: () => guardedIteration(() => store.iterateCache(), path),
    completedItemKeys: guard(store.completedItemKeys),
    getCachedResponse: guard(store.getCachedResponse),
    cacheResponse: guard(store.cacheResponse),
    recordFingerprints: guard(store.recordFingerprints),
    getFingerprints: guard(store.getFingerprints),
    recordGold: guard(store.recordGold),
    getGold: guard(store.getGold),
    setLabels: guard(store.setLabels),
    deleteRun: guard(store.deleteRun),
    close: guard(store.close),
  };
}
