import { Option } from 'commander';
import { STORE_DEFAULT } from './defaults.ts';

/** `--store <path>`: the run store (SQLite file or PostgreSQL URL); the environment's PARITY_STORE wins over the default (paths.ts). */
export function storeOption(
  description = 'run store: SQLite file, or postgres://… (env PARITY_STORE)',
): Option {
  return new Option('--store <path>', description).default(undefined, STORE_DEFAULT);
}
