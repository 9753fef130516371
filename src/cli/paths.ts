import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPostgresUrl, redactStoreUrl } from '../store/postgres/postgres-store-error.ts';
import type { CliIo } from './cli-io.ts';
import { STORE_DEFAULT } from './options/defaults.ts';

/**
 * `--store PATH`, else PARITY_STORE, else ./.parity/parity.db. A postgres:// URL comes back with its password
 * hidden (for messages; openRunStore opens the URL as given).
 */
export function storePath(io: CliIo, flag: string | undefined): string {
  const named = flag ?? io.env.PARITY_STORE;
  if (named !== undefined && isPostgresUrl(named)) return redactStoreUrl(named);
  return resolve(io.cwd, named ?? STORE_DEFAULT);
}

/** `--data-dir DIR`, else PARITY_DATA_DIR; undefined when neither is set. */
export function dataDir(io: CliIo, flag: string | undefined): string | undefined {
  const dir = flag ?? io.env.PARITY_DATA_DIR;
  return dir ? resolve(io.cwd, dir) : undefined;
}

/** Download cache: PARITY_CACHE_DIR, else $XDG_CACHE_HOME/parity, else ~/.cache/parity. */
export function cacheDir(io: CliIo): string {
  if (io.env.PARITY_CACHE_DIR) return resolve(io.cwd, io.env.PARITY_CACHE_DIR);
  const base = io.env.XDG_CACHE_HOME ?? join(io.env.HOME ?? homedir(), '.cache');
  return join(base, 'parity');
}
