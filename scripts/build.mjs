// Builds what the package runs from (docs/decisions/0120-installable-package.md):
//   dist/main.mjs    the CLI (bin/parity.js uses it when it is newer than every source file)
//   dist/index.mjs   the library (package.json "exports"); both share code through dist/chunk-*.mjs
//   dist/web/        the web app of `parity view` and `parity report --html`, bundled once here
//   dist/types/      the library's .d.ts files, only with --types (`npm pack` runs it through prepack)
// Dependencies stay external, but for zod and openai (bundled in, docs/decisions/0275). `npm ci` runs the
// bundles through `prepare`, `npm test` before the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const withTypes = process.argv.includes('--types');

// Old bundles go (chunk names change with their content); the types stay unless they are rebuilt, because
// `npm pack` runs `prepare` (no types) after `prepack` (with types).
for (const entry of existsSync(dist) ? readdirSync(dist) : []) {
  if (entry !== 'types' || withTypes) rmSync(join(dist, entry), { recursive: true, force: true });
}

// Pure-JavaScript dependencies every command loads are bundled in: Node 20's ES module loader spends about half a
// millisecond of CPU on each file it resolves, reads and links, so zod (99 files) and openai (116 files) cost
// ~140 ms of start-up as packages and ~40 ms bundled (docs/decisions/0275). Every other dependency stays
// external: native ones (better-sqlite3, node-llama-cpp), those loaded only by some commands, and the optional ones.
const bundledPackages = new Set(['zod', 'openai']);
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const externalExceptBundled = {
  name: 'external-except-bundled',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('node:') || !bundledPackages.has(packageName(args.path))
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

// zod's `locales` namespace holds its error messages in 48 languages (366 kB of the 755 kB zod bundle, compiled
// by every command); parity sets no locale, so zod uses English, the one kept (docs/decisions/0321).
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', index: 'src/api/index.ts' },
  plugins: [externalExceptBundled, zodEnglishOnly],
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Same settings as the in-memory bundle of src/server/view/web-bundle.ts (docs/decisions/0070).
const web = await build({
  absWorkingDir: root,
  entryPoints: ['web/main.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
});
const script = web.outputFiles[0]?.text;
if (script === undefined) throw new Error('esbuild produced no output for web/main.ts');
await mkdir(join(dist, 'web'), { recursive: true });
await writeFile(join(dist, 'web', 'app.js'), script);
await copyFile(join(root, 'web', 'styles.css'), join(dist, 'web', 'styles.css'));

if (withTypes) {
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.types.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.types.json failed (exit ${tsc.status})`);
  // The sources import './x.ts'; declaration files must name './x.js' for a consumer's TypeScript.
  for (const entry of await readdir(join(dist, 'types'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2'));
  }
}
