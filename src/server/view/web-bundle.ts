import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../package-files/package-root.ts';
import { readPrebuiltWebBundle } from './prebuilt-web-bundle.ts';

/** The front end: one script (an IIFE, no imports at run time) and one style sheet. */
export interface WebBundle {
  readonly script: string;
  readonly style: string;
}

/** The web/ folder at the repository root. */
export const webDirectory = join(packageRoot(import.meta.dirname), 'web');

let cached: Promise<WebBundle> | undefined;

async function bundle(): Promise<WebBundle> {
  // An installed package has only the bundle built at pack time (and no esbuild).
  const prebuilt = await readPrebuiltWebBundle(packageRoot(import.meta.dirname));
  if (prebuilt) return prebuilt;
  // Loaded here, not at start-up: only `parity view` and `parity report --html` bundle the front end.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [resolve(webDirectory, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no output for web/main.ts');
  const style = await readFile(resolve(webDirectory, 'styles.css'), 'utf8');
  return { script, style };
}

/**
 * Bundles web/ with esbuild in memory (docs/decisions/0070): once per process, in well under a second. No
 * build step and nothing written to disk; the same bundle serves `parity view` and inlines into HTML reports.
 */
export function loadWebBundle(): Promise<WebBundle> {
  cached ??= bundle().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
