import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of parity's own package.json, found by walking up from this module. Works from the sources
 * (src/cli) and from the bundle (dist/), so files shipped beside the code are found in both.
 */
export function packageRoot(from: string = import.meta.dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}
