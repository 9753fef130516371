import PgBoss from 'pg-boss';
import { postgresStoreError } from './postgres-store-error.ts';

/** The pg-boss queue every parity worker takes items from. */
export const itemQueueName = 'parity-items';

/** One job: some items of one run (each with all its samples). */
export interface ItemJob {
  readonly id: string;
  readonly runId: string;
  readonly itemIds: readonly string[];
}

/** Jobs of one run by state (pg-boss states: created and retry are pending, active is running). */
export interface RunQueueStatus {
  readonly runId: string;
  readonly pending: number;
  readonly running: number;
  readonly completed: number;
  readonly failed: number;
}

export interface ItemQueueOptions {
  /** The run store's postgres:// URL: the queue lives in the same database (schema `pgboss`). */
  readonly url: string;
  /** A taken job not completed within this time (its worker crashed or hangs) is handed out again. Default 300. */
  readonly expireInSeconds?: number;
  /** How often expired jobs are looked for, in seconds. Default 30. */
  readonly maintenanceIntervalSeconds?: number;
}

/**
 * Distributed work on a PostgreSQL queue (pg-boss, docs/decisions/0240-postgres-store.md): `eval --queue`
 * enqueues a run's items in jobs; workers take jobs, record the items in the store and complete them.
 * Delivery is at least once (an expired job is handed out again); the store's item key makes it exactly once.
 */
export interface ItemQueue {
  enqueue(runId: string, itemIds: readonly string[], options?: { perJob?: number }): Promise<number>;
  /** The next job, or undefined when none is ready now. */
  take(): Promise<ItemJob | undefined>;
  complete(job: ItemJob): Promise<void>;
  /** Gives a job back (SIGTERM before it finished): another worker takes it at once. */
  release(job: ItemJob): Promise<void>;
  /** Per-run job counts, runs with jobs only, newest first. */
  status(): Promise<RunQueueStatus[]>;
  /** Jobs of `runId` (or of every run) still pending or running. */
  outstanding(runId?: string): Promise<number>;
  /** The queue's connection pool, for the shared rate budget. */
  database(): { executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  stop(): Promise<void>;
}

/** Items per job by default: small enough to spread a run over workers, large enough to keep the queue cheap. */
export const defaultItemsPerJob = 10;

export async function openItemQueue(options: ItemQueueOptions): Promise<ItemQueue> {
  const expireInSeconds = options.expireInSeconds ?? 300;
  const boss = new PgBoss({
    connectionString: options.url,
    application_name: 'parity-queue',
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    schedule: false,
  });
  // pg-boss reports pool errors as events; a failed call rejects as well, which is where they are handled.
  boss.on('error', () => undefined);
  try {
    await boss.start();
    await boss.createQueue(itemQueueName, {
      name: itemQueueName,
      policy: 'standard',
      retryLimit: 1_000,
      retryDelay: 0,
      expireInSeconds,
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw postgresStoreError(error, options.url);
  }
  const db = boss.getDb();
  const counts = async (where: string, values: unknown[]): Promise<number> => {
    const result = await db.executeSql(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') ${where}`,
      [itemQueueName, ...values],
    );
    return Number(result.rows[0]?.n ?? 0);
  };
  return {
    async enqueue(runId, itemIds, enqueueOptions = {}) {
      const perJob = enqueueOptions.perJob ?? defaultItemsPerJob;
      const jobs: PgBoss.JobInsert[] = [];
      for (let start = 0; start < itemIds.length; start += perJob) {
        jobs.push({
          name: itemQueueName,
          data: { runId, itemIds: itemIds.slice(start, start + perJob) },
          expireInSeconds,
        });
      }
      for (let start = 0; start < jobs.length; start += 1_000)
        await boss.insert(jobs.slice(start, start + 1_000));
      return jobs.length;
    },
    async take() {
      const [job] = await boss.fetch<{ runId: string; itemIds: string[] }>(itemQueueName, { batchSize: 1 });
      if (job === undefined) return undefined;
      // The taker's expiry applies (the job was enqueued with the default): its `--expire` says how long it may take.
      await db.executeSql(
        'UPDATE pgboss.job SET expire_in = make_interval(secs => $3) WHERE name = $1 AND id = $2',
        [itemQueueName, job.id, expireInSeconds],
      );
      return { id: job.id, runId: job.data.runId, itemIds: job.data.itemIds };
    },
    async complete(job) {
      await boss.complete(itemQueueName, job.id);
    },
    async release(job) {
      // A failed job with retries left goes back to 'retry' and is fetched again (retryDelay 0).
      await boss.fail(itemQueueName, job.id, { message: 'released by a stopping worker' });
    },
    async status() {
      const result = await db.executeSql(
        `SELECT data->>'runId' AS run_id,
           count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS pending,
           count(*) FILTER (WHERE state = 'active')::int AS running,
           count(*) FILTER (WHERE state = 'completed')::int AS completed,
           count(*) FILTER (WHERE state IN ('failed', 'cancelled'))::int AS failed,
           min(created_on) AS first
         FROM pgboss.job WHERE name = $1 GROUP BY 1 ORDER BY first DESC`,
        [itemQueueName],
      );
      return result.rows.map((row) => ({
        runId: String(row.run_id),
        pending: Number(row.pending),
        running: Number(row.running),
        completed: Number(row.completed),
        failed: Number(row.failed),
      }));
    },
    async outstanding(runId) {
      return runId === undefined ? counts('', []) : counts("AND data->>'runId' = $2", [runId]);
    },
    database: () => db as ReturnType<ItemQueue['database']>,
    async stop() {
      await boss.stop({ graceful: false, wait: true, close: true });
    },
  };
}
