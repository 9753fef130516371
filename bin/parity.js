#!/usr/bin/env node
// Starts the CLI from the bundle in dist/ (built by `npm ci` through `prepare`, or `npm run build`) when it is
// newer than every source file; otherwise runs the TypeScript sources through tsx (a development dependency), so
// an edit never runs stale code. An installed package ships the bundle and no TypeScript sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

// Memory before speed for the heap: V8 otherwise grows it freely while a long eval allocates prompts and
// responses (measured: 3,000 MMLU items peaked at 247 MB instead of 146 MB, at the same speed;
// docs/decisions/0142). Set before anything is loaded.
setFlagsFromString('--optimize-for-size');
// The young generation stays at its first size instead of doubling up to 2 × 16 MB: a full MMLU run (14,042 items)
// peaked at 120–132 MB instead of 136–153 MB, for ~15 % more CPU in the collector (docs/decisions/0281). Unlike
// `--max-semi-space-size` (read once, when the heap is made: 0226), this flag takes effect when set here.
setFlagsFromString('--semi-space-growth-factor=1');

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'dist', 'main.mjs');

// Tests and notes are never part of the bundle, so editing them needs no rebuild; not looking at them saves a
// third of the stat calls of this walk, which every command pays (docs/decisions/0320).
const outsideBundle = (name) => name.endsWith('.test.ts') || name.endsWith('.md');

function newestMtimeMs(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (outsideBundle(entry.name)) continue;
    const path = join(directory, entry.name);
    const mtimeMs = entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs;
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

const sources = join(root, 'src', 'cli', 'main.ts');
let main;
if (
  !existsSync(sources) ||
  (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtimeMs(join(root, 'src')))
) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
