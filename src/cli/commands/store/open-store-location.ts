import { resolve } from 'node:path';
import { InputError } from '../../../spec/index.ts';
import type { RunStore } from '../../../spec/index.ts';
import { openPostgresRunStore } from '../../../store/postgres/postgres-run-store.ts';
import { isPostgresUrl, redactStoreUrl } from '../../../store/postgres/postgres-store-error.ts';
import { openSqliteRunStore } from '../../../store/sqlite-run-store.ts';
import type { CliIo } from '../../cli-io.ts';

/**
 * Opens `sqlite:PATH` (or a bare path) or `postgres://…` as a run store, statuses as stored (no liveness check:
 * a copy keeps what is there). `generateId` lets `store copy` keep run ids.
 */
export function openStoreLocation(
  io: CliIo,
  location: string,
  options: { flag: string; generateId?: () => string },
): RunStore {
  const generateId = options.generateId ? { generateId: options.generateId } : {};
  if (isPostgresUrl(location)) return openPostgresRunStore({ url: location, ...generateId });
  const path = location.startsWith('sqlite:') ? location.slice('sqlite:'.length) : location;
  if (path === '') throw new InputError(`${options.flag}: give sqlite:PATH or postgres://…`);
  return openSqliteRunStore({ path: resolve(io.cwd, path), ...generateId });
}

/** The location as it may be shown (a PostgreSQL password hidden). */
export function shownLocation(location: string): string {
  return isPostgresUrl(location) ? redactStoreUrl(location) : location;
}
