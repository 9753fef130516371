import { hostname } from 'node:os';
import type { RunStore } from '../spec/index.ts';
import { openSqliteRunStore } from '../store/sqlite-run-store.ts';
import { isProcessAlive } from './is-process-alive.ts';

export interface OpenStoreOptions {
  /** Open an existing store the user may not write read-only instead of failing (reads work). Default false. */
  readonly readOnly?: boolean;
}

/**
 * The run store at `path` (a SQLite file, created with its folder when missing): the same file the CLI reads
 * with `--store`, so `parity runs`, `show`, `compare`, `view` and `report` see the runs a program stored.
 * Several processes may share it. Close it with `store.close()`.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): RunStore {
  return openSqliteRunStore({
    path,
    ...(options.readOnly ? { allowReadOnly: true } : {}),
    liveness: { host: hostname(), isProcessAlive: isProcessAlive, now: () => new Date() },
  });
}
