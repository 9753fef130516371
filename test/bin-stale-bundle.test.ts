import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * bin/parity.js runs dist/main.mjs only while it is newer than every source that goes into it, else the sources
 * through tsx (docs/decisions/0001, 0120, 0320). A copy of the real bin in a scratch checkout whose bundle and
 * sources say which of them ran.
 */
const repo = resolve(import.meta.dirname, '..');
let checkout: string | undefined;

function scratchCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bin-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(repo, 'bin', 'parity.js'), join(dir, 'bin', 'parity.js'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(dir, 'dist'));
  writeFileSync(
    join(dir, 'dist', 'main.mjs'),
    "export async function main() { process.stdout.write('bundle\\n'); return 0; }\n",
  );
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  writeFileSync(
    join(dir, 'src', 'cli', 'main.ts'),
    "export async function main(): Promise<number> { process.stdout.write('sources\\n'); return 0; }\n",
  );
  mkdirSync(join(dir, 'src', 'deep', 'er'), { recursive: true });
  for (const file of ['thing.ts', 'thing.test.ts', 'README.md', 'table.csv']) {
    writeFileSync(join(dir, 'src', 'deep', 'er', file), '\n');
  }
  return dir;
}

/** Sets every file's modification time: the bundle's, then each named source's (all others an hour earlier). */
function setTimes(dir: string, bundleMs: number, newer: Record<string, number> = {}): void {
  const hourAgo = (bundleMs - 3_600_000) / 1000;
  for (const file of [
    'cli/main.ts',
    'deep/er/thing.ts',
    'deep/er/thing.test.ts',
    'deep/er/README.md',
    'deep/er/table.csv',
  ]) {
    const at = newer[file] === undefined ? hourAgo : newer[file] / 1000;
    utimesSync(join(dir, 'src', file), at, at);
  }
  utimesSync(join(dir, 'dist', 'main.mjs'), bundleMs / 1000, bundleMs / 1000);
}

function run(dir: string): string {
  const result = spawnSync(process.execPath, [join(dir, 'bin', 'parity.js')], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

afterEach(() => {
  if (checkout !== undefined) rmSync(checkout, { recursive: true, force: true });
  checkout = undefined;
});

describe('bin/parity.js chooses the bundle or the sources', () => {
  const bundleMs = Date.now() - 60_000;

  it('runs the bundle while it is newer than every source', () => {
    checkout = scratchCheckout();
    setTimes(checkout, bundleMs);
    expect(run(checkout)).toBe('bundle\n');
  });

  it('runs the sources after an edit anywhere under src/, however deep, and to files other than TypeScript', () => {
    checkout = scratchCheckout();
    setTimes(checkout, bundleMs, { 'deep/er/thing.ts': bundleMs + 1_000 });
    expect(run(checkout)).toBe('sources\n');
    setTimes(checkout, bundleMs, { 'deep/er/table.csv': bundleMs + 1_000 });
    expect(run(checkout)).toBe('sources\n');
    setTimes(checkout, bundleMs, { 'cli/main.ts': bundleMs + 1_000 });
    expect(run(checkout)).toBe('sources\n');
  });

  it('keeps the bundle after edits to tests and notes only, which the bundle does not contain', () => {
    checkout = scratchCheckout();
    setTimes(checkout, bundleMs, {
      'deep/er/thing.test.ts': bundleMs + 1_000,
      'deep/er/README.md': bundleMs + 1_000,
    });
    expect(run(checkout)).toBe('bundle\n');
  });

  it('runs the bundle of an installed package, which has no sources', () => {
    checkout = scratchCheckout();
    setTimes(checkout, bundleMs, { 'deep/er/thing.ts': bundleMs + 1_000 });
    rmSync(join(checkout, 'src', 'cli', 'main.ts'));
    expect(run(checkout)).toBe('bundle\n');
  });
});
