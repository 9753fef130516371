import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../spec/index.ts';
import type { DatasetSource } from '../spec/index.ts';

/**
 * A DatasetSource over a local folder laid out like `--data-dir` (`<root>/<benchmark>/<path>`), for tests only.
 * The real resolver (download, cache, checksums) lives in `src/datasets/dataset-source.ts`.
 */
export function createDirectorySourceForTests(root: string): DatasetSource {
  return {
    async resolveFile(benchmark, relativePath) {
      const path = join(root, benchmark, relativePath);
      if (!existsSync(path)) throw new InputError('file not found', { location: path });
      return path;
    },
    async listFiles(benchmark, relativeDir) {
      return (await readdir(join(root, benchmark, relativeDir))).sort();
    },
  };
}
