import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ItemAggregates } from '../spec/index.ts';

/** How a run's aggregates are computed from its items (the SQL over the digest index). */
export type ComputeAggregates = (runId: string, scoreKey: string) => ItemAggregates;

export interface StoredAggregates {
  /** The run's aggregates for `scoreKey`: the stored row when it is still that of the run's items, else computed. */
  read(runId: string, scoreKey: string): ItemAggregates;
  /** Computes and stores the aggregates of every item score the run's items hold (a run that stopped running). */
  store(runId: string): void;
  /** Forgets the run's stored aggregates (the run is deleted). */
  forget(runId: string): void;
}

const aggregatesSchema: z.ZodType<ItemAggregates> = z.object({
  items: z.number(),
  errors: z.number(),
  unscored: z.number(),
  values: z.array(
    z.object({ group: z.string().nullable(), value: z.number().nullable(), count: z.number() }),
  ),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  medianLatencyMs: z.number().nullable(),
});

/**
 * Aggregates of finished runs kept in `run_aggregates` (docs/decisions/0227). A row counts only while its
 * `items_version` — how many item records the run has and the rowid of the last one written — is the run's now: a
 * record written again gets a new rowid (INSERT OR REPLACE), so a resumed or re-scored run reads as changed and is
 * computed afresh. A row that does not parse is ignored the same way: the table is a cache, never the truth.
 */
export function createStoredAggregates(database: Database, compute: ComputeAggregates): StoredAggregates {
  const statements = {
    itemsVersion: database.prepare<[string], { items: number; last: number | null }>(
      'SELECT count(*) AS items, max(rowid) AS last FROM items WHERE run_id = ?',
    ),
    select: database.prepare<[string, string], { items_version: string; aggregates: string }>(
      'SELECT items_version, aggregates FROM run_aggregates WHERE run_id = ? AND score_key = ?',
    ),
    upsert: database.prepare<[string, string, string, string]>(
      'INSERT OR REPLACE INTO run_aggregates (run_id, score_key, items_version, aggregates) VALUES (?, ?, ?, ?)',
    ),
    scoreKeys: database
      .prepare<[string], string>(
        "SELECT DISTINCT key FROM items, json_each(items.scores) WHERE run_id = ? AND status = 'ok'",
      )
      .pluck(),
    forget: database.prepare<[string]>('DELETE FROM run_aggregates WHERE run_id = ?'),
  };

  const versionOf = (runId: string): string => {
    const row = statements.itemsVersion.get(runId);
    return `${row?.items ?? 0}:${row?.last ?? 0}`;
  };

  function stored(runId: string, scoreKey: string, version: string): ItemAggregates | undefined {
    const row = statements.select.get(runId, scoreKey);
    if (row === undefined || row.items_version !== version) return undefined;
    try {
      const parsed = aggregatesSchema.safeParse(JSON.parse(row.aggregates));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  const storeAll = database.transaction((runId: string): void => {
    const version = versionOf(runId);
    for (const scoreKey of statements.scoreKeys.all(runId)) {
      statements.upsert.run(runId, scoreKey, version, JSON.stringify(compute(runId, scoreKey)));
    }
  });

  // One read transaction: the version and the row (or the computation) see the same items.
  const read = database.transaction(
    (runId: string, scoreKey: string): ItemAggregates =>
      stored(runId, scoreKey, versionOf(runId)) ?? compute(runId, scoreKey),
  );

  return {
    read,
    store(runId) {
      storeAll.immediate(runId);
    },
    forget(runId) {
      statements.forget.run(runId);
    },
  };
}
