import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Newest modification time of the files under `directory` (0 when it does not exist). */
function newestMtimeMs(directory: string): number {
  if (!existsSync(directory)) return 0;
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const mtimeMs = entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs;
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

/**
 * The web bundle `npm run build` wrote to dist/web/ (docs/decisions/0120); in a checkout only when it is at least
 * as new as every file of web/ and src/ it could have been built from, else undefined (the caller bundles the
 * sources afresh). An installed package ships the built bundle and no esbuild.
 */
export async function readPrebuiltWebBundle(
  root: string,
): Promise<{ readonly script: string; readonly style: string } | undefined> {
  const script = join(root, 'dist', 'web', 'app.js');
  const style = join(root, 'dist', 'web', 'styles.css');
  if (!existsSync(script) || !existsSync(style)) return undefined;
  // A checkout (web/ is there): only a bundle at least as new as its sources. An installed package has no web/
  // and only the bundle; its files' times are when npm unpacked them, in no useful order.
  if (existsSync(join(root, 'web', 'main.ts'))) {
    const builtAt = Math.min(statSync(script).mtimeMs, statSync(style).mtimeMs);
    const sourcesAt = Math.max(newestMtimeMs(join(root, 'web')), newestMtimeMs(join(root, 'src')));
    if (builtAt < sourcesAt) return undefined;
  }
  return { script: await readFile(script, 'utf8'), style: await readFile(style, 'utf8') };
}
