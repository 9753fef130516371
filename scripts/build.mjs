// Builds what the package runs from (docs/decisions/0120-installable-package.md):
//   dist/main.mjs    the CLI (bin/parity.js uses it when it is newer than every source file)
//   dist/cli.cjs     the same CLI as one CommonJS file, which bin/parity.js runs with a V8 code cache (0320)
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
import ts from 'typescript';
import { commanderSpawnOnDemand, sqliteAddonFromItsPackage } from './cli-bundle-plugins.mjs';

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
// The CommonJS CLI bundle (below) takes commander in too: there it needs no shim for commander's `require`s.
const bundledPackages = ['zod', 'openai'];
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const externalExcept = (bundled) => ({
  name: 'external-except-bundled',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('node:') || !bundled.includes(packageName(args.path))
        ? { path: args.path, external: true }
        : undefined,
    );
  },
});

// zod's `locales` namespace holds its error messages in 48 languages (366 kB of the 755 kB zod bundle, compiled
// by every command); parity sets no locale, so zod uses English, the one kept (docs/decisions/0320).
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

// The CommonJS CLI bundle (below) also takes in better-sqlite3's JavaScript (14 files Node would otherwise resolve,
// read and compile on every store-opening command, ~5 ms), and commander's `child_process` only when a command
// spawns one (parity's never do; loading it costs ~1–4 ms). docs/decisions/0345.
const cliBundledPackages = [...bundledPackages, 'commander', 'better-sqlite3'];

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', index: 'src/api/index.ts' },
  plugins: [externalExcept(bundledPackages), zodEnglishOnly],
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

// The CLI once more as one CommonJS file: Node 20 keeps no compiled code of ES modules between runs, but a
// CommonJS script compiled through `vm.Script` can be given the code V8 cached from an earlier run, which spares
// every command most of its compiling (~0.1 s of CPU for `parity eval`; docs/decisions/0320). bin/parity.js runs
// it; dist/main.mjs stays for the library and as the fallback. `import.meta` becomes the CommonJS equivalents.
const cli = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  plugins: [
    sqliteAddonFromItsPackage,
    commanderSpawnOnDemand,
    externalExcept(cliBundledPackages),
    zodEnglishOnly,
  ],
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: {
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
    'import.meta.url': '__parityImportMetaUrl',
  },
  banner: {
    js: `"use strict";\nconst __parityImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
  sourcemap: 'linked',
  write: false,
  logLevel: 'warning',
});
for (const file of cli.outputFiles) {
  await writeFile(
    file.path,
    file.path.endsWith('.cjs') ? asciiOnly(withInjectedImport(file.text)) : file.contents,
  );
}

/**
 * The bundle with every character esbuild left outside ASCII (in comments and regular expression literals) written
 * as a `\\u` escape, which means the same there: bin/parity.js then reads the file as Latin-1, several times faster
 * than decoding UTF-8 (~10 ms for these 2.5 MB).
 */
function asciiOnly(text) {
  return text.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A script run through `vm.Script` can use `import()` only with an experimental option that prints a warning, so
 * the dynamic imports left in the CommonJS bundle (packages loaded on demand, task files) call
 * `__parityImport(…)` instead, which bin/parity.js passes in: its own `import()`. They are found as
 * syntax, not text, so strings and comments that mention `import(` stay as they are.
 */
function withInjectedImport(text) {
  const source = ts.createSourceFile('cli.cjs', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const starts = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      starts.push(node.expression.getStart(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = text;
  for (const start of starts.sort((left, right) => right - left)) {
    result = `${result.slice(0, start)}__parityImport${result.slice(start + 'import'.length)}`;
  }
  return result;
}

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
