import { Option } from 'commander';
import { STORE_DEFAULT } from './defaults.ts';

/** `--store <path>`: the SQLite run store; the environment's PARITY_STORE wins over the default (paths.ts). */
export function storeOption(description = 'SQLite run store (env PARITY_STORE)'): Option {
  return new Option('--store <path>', description).default(undefined, STORE_DEFAULT);
}
