import { resolve } from 'node:path';
import { createDatasetSource } from '../datasets/dataset-source.ts';
import type { DatasetSource } from '../spec/index.ts';
import type { CliIo } from './cli-io.ts';
import { cacheDir } from './paths.ts';

/**
 * The dataset source every command uses: the given data folder (`--data-dir`, PARITY_DATA_DIR or a stored
 * run's), then the download cache under PARITY_CACHE_DIR, then a verified download when allowed.
 */
export function cliDatasetSource(
  io: CliIo,
  options: { directory: string | undefined; allowDownload: boolean },
): DatasetSource {
  return createDatasetSource({
    ...(options.directory ? { dataDir: options.directory } : {}),
    cacheDir: resolve(cacheDir(io), 'datasets'),
    allowDownload: options.allowDownload,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
}
