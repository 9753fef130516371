import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of parity's own package.json, found by walking up from `from` (pass `import.meta.dirname`).
 * Files shipped beside the code (demo items, catalogs, the web app) are addressed from here, so they resolve
 * the same from the sources (`src/…`) and from the bundle (`dist/`), where every module shares one folder.
 */
export function packageRoot(from: string): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}
