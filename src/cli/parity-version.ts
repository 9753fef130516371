import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-files/package-root.ts';

let cached: string | undefined;

/** parity's own version, from its package.json (recorded in every new run's configuration). */
export function parityVersion(): string {
  if (cached === undefined) {
    const text = readFileSync(join(packageRoot(import.meta.dirname), 'package.json'), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    cached = typeof version === 'string' ? version : 'unknown';
  }
  return cached;
}
