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
 * The web bundle `npm run build` wrote to dist/web/ (docs/decisions/0120), when it is at least as new as every
 * file of web/ and src/ it could have been built from; undefined otherwise. An installed package ships only
 * the built bundle (and no esbuild); a checkout whose sources changed since the build bundles them afresh.
 */
export async function readPrebuiltWebBundle(
  root: string,
): Promise<{ readonly script: string; readonly style: string } | undefined> {
  const script = join(root, 'dist', 'web', 'app.js');
  const style = join(root, 'dist', 'web', 'styles.css');
  if (!existsSync(script) || !existsSync(style)) return undefined;
  const builtAt = Math.min(statSync(script).mtimeMs, statSync(style).mtimeMs);
  const sourcesAt = Math.max(newestMtimeMs(join(root, 'web')), newestMtimeMs(join(root, 'src')));
  if (builtAt < sourcesAt) return undefined;
  return { script: await readFile(script, 'utf8'), style: await readFile(style, 'utf8') };
}
