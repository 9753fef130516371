import { existsSync } from 'node:fs';
import type { RunOwner, RunStore } from '../spec/index.ts';
import { isPostgresUrl } from '../store/postgres/postgres-store-error.ts';
import { openPostgresRunStore } from '../store/postgres/postgres-run-store.ts';
import { openSqliteRunStore } from '../store/sqlite-run-store.ts';
import { StoreError } from '../store/store-error.ts';
import type { CliIo } from './cli-io.ts';
import { storePath } from './paths.ts';

/**
 * Opens the run store of `--store` (or PARITY_STORE, or ./.parity/parity.db; a postgres:// URL opens PostgreSQL). Runs whose owner process is gone
 * (killed) read back as `interrupted`. `allowReadOnly`: for commands that only read (see openSqliteRunStore);
 * they never create a store: a missing file is StoreError 'missing' (exit 2).
 */
export function openRunStore(io: CliIo, options: { store?: string; allowReadOnly?: boolean }): RunStore {
  const current = io.process;
  const liveness = current
    ? { liveness: { host: current.host, isProcessAlive: current.isAlive, now: io.now } }
    : {};
  const named = options.store ?? io.env.PARITY_STORE;
  // A postgres:// URL: the team store (docs/team-store.md).
  if (named !== undefined && isPostgresUrl(named)) return openPostgresRunStore({ url: named, ...liveness });
  const path = storePath(io, options.store);
  if (options.allowReadOnly && !existsSync(path))
    throw new StoreError({ problem: 'missing', storePath: path });
  return openSqliteRunStore({
    path,
    ...(options.allowReadOnly ? { allowReadOnly: true } : {}),
    ...liveness,
  });
}

/** This process as the owner of a run, with a heartbeat of now; undefined when the io does not say. */
export function currentOwner(io: CliIo): RunOwner | undefined {
  return io.process
    ? { pid: io.process.pid, host: io.process.host, heartbeatAt: io.now().toISOString() }
    : undefined;
}

/** `{ owner }` of this process, or nothing when the io does not say (for options that leave it out). */
export function ownerOption(io: CliIo): { owner?: RunOwner } {
  const owner = currentOwner(io);
  return owner ? { owner } : {};
}

/** How often a working process refreshes its runs' heartbeat, in milliseconds. */
export const heartbeatIntervalMs = 10_000;

/**
 * Keeps the run's owner heartbeat fresh while this process works on it; call the returned function to stop.
 * A heartbeat that cannot be written (store busy) is skipped: the next one, or the item writes, will do.
 */
export function startHeartbeat(io: CliIo, store: RunStore, runId: string): () => void {
  if (!io.process) return () => undefined;
  const timer = setInterval(() => {
    try {
      store.heartbeat(runId, { at: io.now().toISOString() });
    } catch {
      // Missing one heartbeat is harmless; a run is declared gone only after several.
    }
  }, heartbeatIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
