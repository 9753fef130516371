import { InputError, itemKey } from '../../spec/index.ts';
import type {
  CacheEntry,
  ItemAggregates,
  ItemDigests,
  ItemGold,
  ItemOutcome,
  ItemRecord,
  ModelResponse,
  NewRun,
  RunConfig,
  RunConfigChange,
  RunFingerprints,
  RunOwner,
  RunStatus,
  RunStore,
  RunSummary,
  StoredRun,
} from '../../spec/index.ts';
import { generateRunId } from '../run-id.ts';
import { createRowReader } from '../stored-rows.ts';
import type { DigestRow, ItemRow, OutcomeRow, RunLiveness, RunRow } from '../stored-rows.ts';
import { migratePostgresStore } from './postgres-migrations.ts';
import { postgresStoreError, redactStoreUrl } from './postgres-store-error.ts';
import { BridgeError, openSyncBridge } from './sync-bridge.ts';
import type { SqlStep, StepResult } from './sync-bridge.ts';

export interface PostgresRunStoreOptions {
  /** postgres://user:password@host:port/database; the password is never shown (see redactStoreUrl). */
  readonly url: string;
  readonly generateId?: () => string;
  readonly liveness?: RunLiveness;
  /** Longest wait for one statement, in milliseconds. Default 120 000. */
  readonly timeoutMs?: number;
}

const idAttempts = 8;
/** Records read per round trip by iterateItemRecords. */
const pageSize = 500;

const runColumns =
  'id, kind, config, status, done_items, total_items, created_at, updated_at, owner, history, labels';
const itemColumns =
  'item_id, sample, status, item_group, request, response, error, extracted, scores, cached, attempts, cache_key';
// The same values as stored-rows.ts outcomeColumns/digestColumns (SQLite json_extract: JSON null reads as NULL).
const usageColumn = "NULLIF((response::jsonb -> 'usage')::text, 'null')";
const outcomeColumns = `item_id, sample, status, item_group, ${usageColumn} AS usage, error, extracted, scores, cached`;
const digestColumns = `sequence, ${outcomeColumns}, attempts, NULLIF((response::jsonb -> 'timing')::text, 'null') AS timing, response::jsonb ->> 'finishReason' AS finish_reason`;
const measuredLatency = "(response::jsonb #>> '{timing,totalMs}')::float8";
const measuredWhere = `run_id = $1 AND status = 'ok' AND (attempts > 0 OR cached != 0) AND jsonb_typeof(response::jsonb #> '{timing,totalMs}') = 'number'`;

/**
 * The team run store (docs/team-store.md): the same RunStore on a PostgreSQL database shared by many processes
 * and machines, synchronous through a worker thread (sync-bridge.ts). Every write that SQLite does in one
 * transaction is one transaction here; item writes lock the run row, so concurrent writers count each item once.
 */
export function openPostgresRunStore(options: PostgresRunStoreOptions): RunStore {
  const location = redactStoreUrl(options.url);
  const generateId = options.generateId ?? (() => generateRunId());
  const bridge = openSyncBridge({
    url: options.url,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const rows = createRowReader({
    databasePath: location,
    ...(options.liveness ? { liveness: options.liveness } : {}),
  });
  const noRun = (runId: string): InputError => new InputError(`no run with id ${runId}`, { location });

  function run(steps: readonly SqlStep[], mode: 'plain' | 'write' | 'snapshot' = 'plain'): StepResult[] {
    try {
      return bridge.run(steps, mode);
    } catch (error) {
      throw postgresStoreError(error, options.url);
    }
  }
  /** A write whose `requireRow` step names the run: a missing run is InputError 'no run with id'. */
  function writeRun(runId: string, steps: readonly SqlStep[]): StepResult[] {
    try {
      return bridge.run(steps, 'write');
    } catch (error) {
      if (error instanceof BridgeError && error.missingRowStep !== undefined) throw noRun(runId);
      throw postgresStoreError(error, options.url);
    }
  }
  function rowsOf<Row>(steps: readonly SqlStep[], mode: 'plain' | 'snapshot' = 'plain'): Row[] {
    return (run(steps, mode).at(-1)?.rows ?? []) as Row[];
  }
  const lockRun = (runId: string): SqlStep => ({
    sql: 'SELECT id FROM runs WHERE id = $1 FOR UPDATE',
    params: [runId],
    requireRow: true,
  });

  try {
    migratePostgresStore(bridge, { location });
  } catch (error) {
    bridge.close();
    throw error instanceof InputError ? error : postgresStoreError(error, options.url);
  }

  function itemSteps(runId: string, records: readonly ItemRecord[], updatedAt: string): SqlStep[] {
    const steps: SqlStep[] = [
      lockRun(runId),
      {
        // Counted before writing: an item recorded before (or twice in this batch) is not new.
        sql: `UPDATE runs SET updated_at = $2, done_items = done_items + (
                SELECT count(*) FROM (SELECT DISTINCT * FROM unnest($3::text[], $4::int[]) AS k(item_id, sample)) AS k
                WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.run_id = $1 AND i.item_id = k.item_id AND i.sample = k.sample))
              WHERE id = $1`,
        params: [
          runId,
          updatedAt,
          records.map((record) => record.itemId),
          records.map((record) => record.sample),
        ],
      },
    ];
    for (const record of records) {
      const responseJson = record.response === undefined ? null : JSON.stringify(record.response);
      steps.push({
        sql: `INSERT INTO items (run_id, item_id, sample, status, item_group, request, response, error, extracted, scores, cached, attempts, cache_key)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
              ON CONFLICT (run_id, item_id, sample) DO UPDATE SET status = excluded.status, item_group = excluded.item_group,
                request = excluded.request, response = excluded.response, error = excluded.error,
                extracted = excluded.extracted, scores = excluded.scores, cached = excluded.cached,
                attempts = excluded.attempts, cache_key = excluded.cache_key, sequence = nextval('items_sequence')`,
        params: [
          runId,
          record.itemId,
          record.sample,
          record.status,
          record.group ?? null,
          JSON.stringify(record.request),
          responseJson,
          record.error === undefined
            ? null
            : JSON.stringify({ name: record.error.name, message: record.error.message }),
          record.extracted,
          JSON.stringify(record.scores),
          record.cached ? 1 : 0,
          record.attempts,
          record.cacheKey,
        ],
      });
      if (record.status === 'ok' && responseJson !== null)
        steps.push(insertCache(record.cacheKey, responseJson, updatedAt));
    }
    return steps;
  }

  function insertCache(key: string, responseJson: string, createdAt: string): SqlStep {
    return {
      sql: 'INSERT INTO cache (key, response, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
      params: [key, responseJson, createdAt],
    };
  }

  function readSummary(runId: string): RunSummary | undefined {
    const [row] = rowsOf<RunRow>([{ sql: `SELECT ${runColumns} FROM runs WHERE id = $1`, params: [runId] }]);
    return row === undefined ? undefined : rows.toSummary(row);
  }

  const store: Required<RunStore> = {
    createRun(newRun: NewRun): string {
      for (let attempt = 1; ; attempt += 1) {
        const runId = generateId();
        const [inserted] = run([
          {
            sql: `INSERT INTO runs (id, kind, config, status, done_items, total_items, created_at, updated_at, owner)
                  VALUES ($1, $2, $3, 'running', 0, $4, $5, $5, $6) ON CONFLICT (id) DO NOTHING`,
            params: [
              runId,
              newRun.kind,
              JSON.stringify(newRun.config),
              newRun.totalItems,
              newRun.createdAt,
              newRun.owner ? JSON.stringify(newRun.owner) : null,
            ],
          },
        ]);
        if (inserted?.rowCount === 1) return runId;
        if (attempt >= idAttempts) {
          throw new InputError(`could not allocate a free run id (last tried ${runId})`, { location });
        }
      }
    },

    recordItem(runId, record, recordOptions) {
      writeRun(runId, itemSteps(runId, [record], recordOptions.updatedAt));
    },

    recordItems(runId, records, recordOptions) {
      if (records.length > 0) writeRun(runId, itemSteps(runId, records, recordOptions.updatedAt));
    },

    setStatus(runId: string, status: RunStatus, statusOptions: { updatedAt: string; owner?: RunOwner }) {
      writeRun(runId, [
        statusOptions.owner
          ? {
              sql: 'UPDATE runs SET status = $1, updated_at = $2, owner = $3 WHERE id = $4',
              params: [status, statusOptions.updatedAt, JSON.stringify(statusOptions.owner), runId],
              requireRow: true,
            }
          : {
              sql: 'UPDATE runs SET status = $1, updated_at = $2 WHERE id = $3',
              params: [status, statusOptions.updatedAt, runId],
              requireRow: true,
            },
      ]);
    },

    heartbeat(runId, heartbeatOptions) {
      run([
        {
          sql: `UPDATE runs SET owner = jsonb_set(owner::jsonb, '{heartbeatAt}', to_jsonb($1::text))::text
                WHERE id = $2 AND owner IS NOT NULL`,
          params: [heartbeatOptions.at, runId],
        },
      ]);
    },

    changeConfig(runId: string, changeOptions: { config: RunConfig; change: RunConfigChange }) {
      writeRun(runId, [
        lockRun(runId),
        {
          // Appended in SQL, so a change written meanwhile by another process is kept.
          sql: `UPDATE runs SET config = $1, history = (history::jsonb || $2::jsonb)::text WHERE id = $3`,
          params: [JSON.stringify(changeOptions.config), JSON.stringify([changeOptions.change]), runId],
        },
      ]);
    },

    getRun(runId: string): StoredRun | undefined {
      const [runResult, itemResult] = run(
        [
          { sql: `SELECT ${runColumns} FROM runs WHERE id = $1`, params: [runId] },
          { sql: `SELECT ${itemColumns} FROM items WHERE run_id = $1 ORDER BY sequence`, params: [runId] },
        ],
        'snapshot',
      );
      const row = runResult?.rows[0] as RunRow | undefined;
      if (row === undefined) return undefined;
      const items = ((itemResult?.rows ?? []) as unknown as ItemRow[]).map((itemRow) =>
        rows.toItemRecord(runId, itemRow),
      );
      return { ...rows.toSummary(row), items };
    },

    getSummary: readSummary,

    listItemOutcomes(runId: string): ItemOutcome[] {
      return rowsOf<OutcomeRow>([
        { sql: `SELECT ${outcomeColumns} FROM items WHERE run_id = $1 ORDER BY sequence`, params: [runId] },
      ]).map((row) => rows.toItemOutcome(runId, row));
    },

    listRuns(): RunSummary[] {
      return rowsOf<RunRow>([
        { sql: `SELECT ${runColumns} FROM runs ORDER BY created_at DESC, sequence DESC` },
      ]).map(rows.toSummary);
    },

    readItemDigests(runId: string, digestOptions: { afterSequence?: number } = {}): ItemDigests {
      const after = digestOptions.afterSequence ?? 0;
      const items = rowsOf<DigestRow>([
        {
          sql: `SELECT ${digestColumns} FROM items WHERE run_id = $1 AND sequence > $2 ORDER BY sequence`,
          params: [runId, after],
        },
      ]).map((row) => rows.toItemDigest(runId, row));
      return { items, lastSequence: items.at(-1)?.sequence ?? after };
    },

    aggregateItems(runId: string, scoreKey: string): ItemAggregates {
      const [valueResult, countResult, latencyResult] = run(
        [
          {
            sql: `SELECT item_group, CASE WHEN jsonb_typeof(scores::jsonb -> $1) = 'number' THEN (scores::jsonb ->> $1)::float8 END AS value,
                    count(*)::int AS count
                  FROM items WHERE run_id = $2 AND status = 'ok' GROUP BY 1, 2`,
            params: [scoreKey, runId],
          },
          {
            sql: `SELECT count(*)::int AS items, sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END)::int AS errors,
                    sum(CASE WHEN status = 'ok' AND EXISTS (SELECT 1 FROM jsonb_each(scores::jsonb) AS e WHERE jsonb_typeof(e.value) = 'null') THEN 1 ELSE 0 END)::int AS unscored,
                    sum(CASE WHEN status = 'ok' THEN (response::jsonb #>> '{usage,inputTokens}')::float8 END) AS input_tokens,
                    sum(CASE WHEN status = 'ok' THEN (response::jsonb #>> '{usage,outputTokens}')::float8 END) AS output_tokens
                  FROM items WHERE run_id = $1`,
            params: [runId],
          },
          {
            // Nearest rank, as the SQLite store: the ceil(n / 2)-th smallest measured latency.
            sql: `SELECT ms FROM (SELECT ${measuredLatency} AS ms, row_number() OVER (ORDER BY ${measuredLatency}) AS rank,
                    count(*) OVER () AS measured FROM items WHERE ${measuredWhere}) AS ranked
                  WHERE rank = ceil(0.5 * measured)`,
            params: [runId],
          },
        ],
        'snapshot',
      );
      const counts = countResult?.rows[0] as
        | {
            items: number;
            errors: number | null;
            unscored: number | null;
            input_tokens: number | null;
            output_tokens: number | null;
          }
        | undefined;
      const median = latencyResult?.rows[0] as { ms: number } | undefined;
      return {
        items: counts?.items ?? 0,
        errors: counts?.errors ?? 0,
        unscored: counts?.unscored ?? 0,
        values: (
          (valueResult?.rows ?? []) as { item_group: string | null; value: number | null; count: number }[]
        ).map((row) => ({
          group: row.item_group,
          value: typeof row.value === 'number' ? row.value : null,
          count: row.count,
        })),
        inputTokens: counts?.input_tokens ?? null,
        outputTokens: counts?.output_tokens ?? null,
        medianLatencyMs: typeof median?.ms === 'number' ? median.ms : null,
      };
    },

    getDatasetFingerprint(runId: string): string | undefined {
      return rowsOf<{ fingerprint: string }>([
        { sql: 'SELECT fingerprint FROM run_datasets WHERE run_id = $1', params: [runId] },
      ])[0]?.fingerprint;
    },

    getItemRecords(runId: string, keys: readonly string[]): ItemRecord[] {
      const ids: string[] = [];
      const samples: number[] = [];
      for (const key of keys) {
        const hash = key.lastIndexOf('#');
        if (hash === -1) continue;
        ids.push(key.slice(0, hash));
        samples.push(Number(key.slice(hash + 1)));
      }
      if (ids.length === 0) return [];
      return rowsOf<ItemRow>([
        {
          sql: `SELECT ${itemColumns} FROM items WHERE run_id = $1
                AND (item_id, sample) IN (SELECT * FROM unnest($2::text[], $3::int[])) ORDER BY sequence`,
          params: [runId, ids, samples],
        },
      ]).map((row) => rows.toItemRecord(runId, row));
    },

    *iterateItemRecords(runId: string): Iterable<ItemRecord> {
      let after = 0;
      for (;;) {
        const page = rowsOf<ItemRow & { sequence: number }>([
          {
            sql: `SELECT sequence, ${itemColumns} FROM items WHERE run_id = $1 AND sequence > $2 ORDER BY sequence LIMIT ${pageSize}`,
            params: [runId, after],
          },
        ]);
        for (const row of page) yield rows.toItemRecord(runId, row);
        if (page.length < pageSize) return;
        after = page.at(-1)?.sequence ?? after;
      }
    },

    completedItemKeys(runId: string): Set<string> {
      return new Set(
        rowsOf<{ item_id: string; sample: number }>([
          { sql: "SELECT item_id, sample FROM items WHERE run_id = $1 AND status = 'ok'", params: [runId] },
        ]).map((row) => itemKey(row.item_id, row.sample)),
      );
    },

    getCachedResponse(cacheKey: string): ModelResponse | undefined {
      const [row] = rowsOf<{ response: string }>([
        { sql: 'SELECT response FROM cache WHERE key = $1', params: [cacheKey] },
      ]);
      return row === undefined ? undefined : rows.toCachedResponse(cacheKey, row.response);
    },

    cacheResponse(cacheKey: string, response: ModelResponse, cacheOptions: { createdAt: string }) {
      run([insertCache(cacheKey, JSON.stringify(response), cacheOptions.createdAt)]);
    },

    *iterateCache(): Iterable<CacheEntry> {
      let after = { createdAt: '', key: '' };
      for (;;) {
        const page = rowsOf<{ key: string; response: string; created_at: string }>([
          {
            sql: `SELECT key, response, created_at FROM cache WHERE (created_at, key) > ($1, $2)
                  ORDER BY created_at, key LIMIT ${pageSize}`,
            params: [after.createdAt, after.key],
          },
        ]);
        for (const row of page) {
          yield {
            key: row.key,
            response: rows.toCachedResponse(row.key, row.response),
            createdAt: row.created_at,
          };
        }
        const last = page.at(-1);
        if (page.length < pageSize || last === undefined) return;
        after = { createdAt: last.created_at, key: last.key };
      }
    },

    recordFingerprints(runId: string, fingerprints: RunFingerprints) {
      writeRun(runId, [
        lockRun(runId),
        {
          sql: `INSERT INTO run_datasets (run_id, fingerprint, items) VALUES ($1, $2, $3)
                ON CONFLICT (run_id) DO UPDATE SET fingerprint = excluded.fingerprint, items = excluded.items`,
          params: [runId, fingerprints.dataset, fingerprints.items.size],
        },
        {
          sql: `INSERT INTO item_fingerprints (run_id, item_id, fingerprint)
                SELECT $1, item_id, fingerprint FROM unnest($2::text[], $3::text[]) AS f(item_id, fingerprint)
                ON CONFLICT (run_id, item_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
          params: [runId, [...fingerprints.items.keys()], [...fingerprints.items.values()]],
        },
      ]);
    },

    getFingerprints(runId: string): RunFingerprints | undefined {
      const [dataset, items] = run(
        [
          { sql: 'SELECT fingerprint FROM run_datasets WHERE run_id = $1', params: [runId] },
          { sql: 'SELECT item_id, fingerprint FROM item_fingerprints WHERE run_id = $1', params: [runId] },
        ],
        'snapshot',
      );
      const fingerprint = dataset?.rows[0]?.fingerprint;
      if (typeof fingerprint !== 'string') return undefined;
      return {
        dataset: fingerprint,
        items: new Map((items?.rows ?? []).map((row) => [String(row.item_id), String(row.fingerprint)])),
      };
    },

    recordGold(runId: string, gold: ReadonlyMap<string, ItemGold>) {
      const entries = [...gold];
      writeRun(runId, [
        lockRun(runId),
        {
          sql: `INSERT INTO item_gold (run_id, item_id, target, choices)
                SELECT $1, item_id, target, choices FROM unnest($2::text[], $3::text[], $4::text[]) AS g(item_id, target, choices)
                ON CONFLICT (run_id, item_id) DO UPDATE SET target = excluded.target, choices = excluded.choices`,
          params: [
            runId,
            entries.map(([itemId]) => itemId),
            entries.map(([, entry]) => entry.target),
            entries.map(([, entry]) => (entry.choices === undefined ? null : JSON.stringify(entry.choices))),
          ],
        },
      ]);
    },

    getGold(runId: string): ReadonlyMap<string, ItemGold> {
      return new Map(
        rowsOf<{ item_id: string; target: string; choices: string | null }>([
          { sql: 'SELECT item_id, target, choices FROM item_gold WHERE run_id = $1', params: [runId] },
        ]).map((row) => [row.item_id, rows.toItemGold(row, runId)] as const),
      );
    },

    setLabels(runId: string, labels: readonly string[]) {
      writeRun(runId, [
        {
          sql: 'UPDATE runs SET labels = $1 WHERE id = $2',
          params: [JSON.stringify(labels), runId],
          requireRow: true,
        },
      ]);
    },

    deleteRun(runId: string): boolean {
      const results = run(
        [
          { sql: 'DELETE FROM items WHERE run_id = $1', params: [runId] },
          { sql: 'DELETE FROM item_fingerprints WHERE run_id = $1', params: [runId] },
          { sql: 'DELETE FROM item_gold WHERE run_id = $1', params: [runId] },
          { sql: 'DELETE FROM run_datasets WHERE run_id = $1', params: [runId] },
          { sql: 'DELETE FROM runs WHERE id = $1', params: [runId] },
        ],
        'write',
      );
      return (results.at(-1)?.rowCount ?? 0) > 0;
    },

    close(): void {
      bridge.close();
    },
  };
  return store;
}
