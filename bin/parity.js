#!/usr/bin/env node
// Starts the CLI from the bundle in dist/ (built by `npm ci` through `prepare`, or `npm run build`) when it is
// newer than every source file; otherwise runs the TypeScript sources through tsx (a development dependency), so
// an edit never runs stale code. An installed package ships the bundle and no TypeScript sources.
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader (~5 ms of every command,
// docs/decisions/0345); `import()` still loads the ES module bundle and the sources when they are needed.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, loaded by `require` */
const {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { isAscii } = require('node:buffer');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const vm = require('node:vm');
/* eslint-enable @typescript-eslint/no-require-imports */

// Memory before speed for the heap: V8 otherwise grows it freely while a long eval allocates prompts and
// responses (measured: 3,000 MMLU items peaked at 247 MB instead of 146 MB, at the same speed;
// docs/decisions/0142). Set before anything is loaded.
// The young generation stays at its first size instead of doubling up to 2 × 16 MB: a full MMLU run (14,042 items)
// peaked at 120–132 MB instead of 136–153 MB, for ~15 % more CPU in the collector (docs/decisions/0281). Unlike
// `--max-semi-space-size` (read once, when the heap is made: 0226), this flag takes effect when set here.
// Setting up a worker thread's heap resets the growth factor for the whole process (and with it V8's flag hash,
// so the next run would refuse the code cache): the PostgreSQL store's worker sets these flags again from the
// symbol (src/store/cli-v8-flags.ts, docs/decisions/0341).
const v8Flags = ['--optimize-for-size', '--semi-space-growth-factor=1'];
for (const flag of v8Flags) setFlagsFromString(flag);
globalThis[Symbol.for('parity.v8Flags')] = v8Flags;

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'main.mjs');
const cliBundle = join(root, 'dist', 'cli.cjs');

// Tests and notes are never part of the bundle, so editing them needs no rebuild; not looking at them saves a
// third of the stat calls of this walk, which every command pays (docs/decisions/0320).
const outsideBundle = (name) => name.endsWith('.test.ts') || name.endsWith('.md');

function newestMtimeMs(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (outsideBundle(entry.name)) continue;
    // Plain concatenation: `join` normalizes every one of these ~700 paths for nothing.
    const path = `${directory}/${entry.name}`;
    const mtimeMs = entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs;
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

/**
 * dist/cli.cjs (the bundle as one CommonJS file) compiled with the code V8 made for it in an earlier run of the
 * same command: Node 20 caches no compiled code of ES modules, and compiling is most of a short command's CPU
 * (docs/decisions/0321). The cache lives beside the bundle, one file per command, and is written after a run that
 * had none or whose cache V8 refused; V8 checks a cache against the source's length only, so its name carries the
 * bundle's size and time and the Node version. An unwritable dist/ (a read-only install) just runs uncached.
 */
function loadCachedCli(command) {
  const { size, mtimeMs } = statSync(cliBundle);
  const cacheDir = join(root, 'dist', '.cache');
  const cacheFile = join(cacheDir, `${command}-${size}-${Math.trunc(mtimeMs)}-${process.version}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // scripts/build.mjs writes the bundle in ASCII, which reads several times faster as Latin-1 than as UTF-8.
  const bytes = readFileSync(cliBundle);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __parityImport) {${source}\n})`,
    {
      filename: cliBundle,
      ...(cachedData === undefined ? {} : { cachedData }),
    },
  );
  const module = { exports: {} };
  // The bundle's dynamic imports (scripts/build.mjs rewrote them) are this module's: same package, same resolution.
  const load = (specifier) => import(specifier);
  script.runInThisContext()(
    module.exports,
    createRequire(cliBundle),
    module,
    cliBundle,
    dirname(cliBundle),
    load,
  );
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  const saveCache = () => {
    if (!stale) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const written = `${cacheFile}.${process.pid}`;
      writeFileSync(written, script.createCachedData());
      renameSync(written, cacheFile);
    } catch {
      // No cache then: the next run compiles again.
    }
  };
  return { main: module.exports.main, saveCache };
}

/** The CLI's `main`, and what to do once it succeeded: the bundle, or the sources after an edit. */
async function loadMain() {
  const sources = join(root, 'src', 'cli', 'main.ts');
  if (
    !existsSync(sources) ||
    (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtimeMs(join(root, 'src')))
  ) {
    // `parity`, `--version` and `--help` alone load almost nothing: the ES module bundle starts them sooner than
    // the whole CommonJS file, even cached.
    const args = process.argv.slice(2);
    const light =
      args.length === 0 || (args.length === 1 && ['--version', '-V', '--help', '-h'].includes(args[0]));
    if (!light && existsSync(cliBundle)) {
      const command = /^[a-z][a-z-]*$/.test(args[0] ?? '') ? args[0] : 'other';
      return loadCachedCli(command);
    }
    const { main } = await import(bundle);
    return { main, saveCache: () => {} };
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  return { main, saveCache: () => {} };
}

async function run() {
  const { main, saveCache } = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
  // Only a command that worked leaves a cache: a mistyped command word makes none.
  if (process.exitCode === 0) saveCache();
  // After the microtasks still queued, before the event loop takes up anything else (such as V8's GC tasks).
  process.nextTick(exitWhenIdle);
}

/**
 * Ends the process at once when nothing is left to wait for but the standard streams (a stdin nobody reads
 * included): a short command has often just started an incremental mark-compact, which Node would finish before
 * exiting (~10 ms of a `--limit 1` eval), and then it frees the whole heap. Anything still pending (a timer, a
 * socket, a server, a child process, a file operation) lets the event loop run on as before
 * (docs/decisions/0345).
 */
function exitWhenIdle() {
  const busy = process
    .getActiveResourcesInfo()
    .some((resource) => resource !== 'TTYWrap' && resource !== 'PipeWrap');
  if (busy) return;
  const standardStreams = process
    ._getActiveHandles()
    .every(
      (handle) =>
        handle === process.stdout ||
        handle === process.stderr ||
        (handle === process.stdin && handle.readableFlowing !== true),
    );
  if (standardStreams) process.exit();
}

run();
