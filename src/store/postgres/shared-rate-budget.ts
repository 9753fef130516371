import { setTimeout as delay } from 'node:timers/promises';

/** Runs SQL on the shared database (the queue's pool). */
export interface SqlRunner {
  executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * A requests-per-minute budget shared by every worker on one database: a token bucket per key (an endpoint) in
 * table `parity_rate_budgets`, refilled by the database clock and taken from in one atomic UPDATE, so workers on
 * any number of machines together start at most `requestsPerMinute` requests a minute (with a burst of at most
 * `burst`, default 1: starts are spread evenly).
 */
export interface SharedRateBudget {
  /** Waits until the key's bucket holds a token and takes it. Rejects when `signal` aborts. */
  take(key: string, signal?: AbortSignal): Promise<void>;
}

export async function openSharedRateBudget(options: {
  db: SqlRunner;
  requestsPerMinute: number;
  burst?: number;
}): Promise<SharedRateBudget> {
  const perSecond = options.requestsPerMinute / 60;
  const burst = Math.max(1, options.burst ?? 1);
  await options.db.executeSql(
    `CREATE TABLE IF NOT EXISTS parity_rate_budgets (
       key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, refilled_at TIMESTAMPTZ NOT NULL)`,
    [],
  );
  const ensured = new Set<string>();
  const available = `least($2, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * $3)`;
  return {
    async take(key, signal) {
      if (!ensured.has(key)) {
        // A new bucket starts full.
        await options.db.executeSql(
          `INSERT INTO parity_rate_budgets (key, tokens, refilled_at) VALUES ($1, $2, clock_timestamp())
           ON CONFLICT (key) DO NOTHING`,
          [key, burst],
        );
        ensured.add(key);
      }
      for (;;) {
        signal?.throwIfAborted();
        // Refill by the time since the last change and take one token, in one statement (row-locked).
        const taken = await options.db.executeSql(
          `UPDATE parity_rate_budgets SET tokens = ${available} - 1, refilled_at = clock_timestamp()
           WHERE key = $1 AND ${available} >= 1 RETURNING tokens`,
          [key, burst, perSecond],
        );
        if (taken.rows.length > 0) return;
        const state = await options.db.executeSql(
          `SELECT ${available} AS available FROM parity_rate_budgets WHERE key = $1`,
          [key, burst, perSecond],
        );
        const tokens = Number(state.rows[0]?.available ?? 0);
        const waitMs = Math.max(2, Math.ceil(((1 - tokens) / perSecond) * 1000));
        await delay(waitMs, undefined, signal ? { signal } : undefined);
      }
    },
  };
}
