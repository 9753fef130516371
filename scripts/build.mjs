// Bundles the CLI into dist/main.mjs (dependencies stay external). `npm ci` runs it through `prepare`;
// bin/parity.js uses the bundle when it is newer than every source file and falls back to the sources.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
