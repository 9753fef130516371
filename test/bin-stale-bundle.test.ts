import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
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
  for (const file of ['parity.js', 'package.json'])
    copyFileSync(join(repo, 'bin', file), join(dir, 'bin', file));
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

function run(dir: string, args: readonly string[] = [], status = 0): string {
  const result = spawnSync(process.execPath, [join(dir, 'bin', 'parity.js'), ...args], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(status);
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

describe('bin/parity.js runs dist/cli.cjs with a V8 code cache per command', () => {
  const bundleMs = Date.now() - 60_000;
  /**
   * A CommonJS bundle whose main prints `word`, its arguments and what a dynamic import gave (scripts/build.mjs
   * turns the bundle's `import(…)` into `__parityImport(…)`); exits with 3 when the first argument is `fail`.
   */
  const cliSource = (word: string) =>
    `exports.main = async (argv) => { const os = await __parityImport('node:os'); process.stdout.write('${word} ' + argv.join(' ') + ' ' + typeof os.hostname + '\\n'); return argv[0] === 'fail' ? 3 : 0; };\n`;
  const cacheFiles = (dir: string) => readdirSync(join(dir, 'dist', '.cache')).sort();

  function withCliBundle(word: string): string {
    const dir = scratchCheckout();
    writeFileSync(join(dir, 'dist', 'cli.cjs'), cliSource(word));
    setTimes(dir, bundleMs);
    utimesSync(join(dir, 'dist', 'cli.cjs'), bundleMs / 1000, bundleMs / 1000);
    return dir;
  }

  it('runs the CommonJS bundle (dynamic imports and the exit code included) and caches its code per command', () => {
    checkout = withCliBundle('one');
    expect(run(checkout, ['eval', '--limit', '1'])).toBe('one eval --limit 1 function\n');
    const [evalCache] = cacheFiles(checkout);
    expect(evalCache).toMatch(/^eval-\d+-\d+-v\d+\.\d+\.\d+\.bin$/);
    const written = readFileSync(join(checkout, 'dist', '.cache', evalCache ?? ''));
    expect(written.length).toBeGreaterThan(0);
    // The next run takes the cache as it is (a refused cache would be written again).
    expect(run(checkout, ['eval'])).toBe('one eval function\n');
    expect(readFileSync(join(checkout, 'dist', '.cache', evalCache ?? ''))).toEqual(written);
    expect(run(checkout, ['--store', 'x.db', 'runs'])).toBe('one --store x.db runs function\n');
    expect(cacheFiles(checkout)).toEqual([evalCache, expect.stringMatching(/^other-/)]);
    // A command that fails (a mistyped word, bad input) leaves no cache behind.
    expect(run(checkout, ['fail'], 3)).toBe('one fail function\n');
    expect(cacheFiles(checkout)).toEqual([evalCache, expect.stringMatching(/^other-/)]);
  });

  it('starts `--version`, `--help` and no arguments from the ES module bundle, which loads less', () => {
    checkout = withCliBundle('one');
    expect(run(checkout, ['--version'])).toBe('bundle\n');
    expect(run(checkout, ['-h'])).toBe('bundle\n');
    expect(run(checkout)).toBe('bundle\n');
    expect(run(checkout, ['eval', '--help'])).toBe('one eval --help function\n');
  });

  it('writes a damaged cache again and still runs the bundle', () => {
    checkout = withCliBundle('one');
    run(checkout, ['eval']);
    const [evalCache = ''] = cacheFiles(checkout);
    writeFileSync(join(checkout, 'dist', '.cache', evalCache), 'not a code cache');
    expect(run(checkout, ['eval'])).toBe('one eval function\n');
    expect(readFileSync(join(checkout, 'dist', '.cache', evalCache), 'utf8')).not.toBe('not a code cache');
  });

  it('never runs the code cached for an earlier bundle of the same length', () => {
    checkout = withCliBundle('one');
    expect(run(checkout, ['eval'])).toBe('one eval function\n');
    writeFileSync(join(checkout, 'dist', 'cli.cjs'), cliSource('two'));
    const rebuiltMs = bundleMs + 5_000;
    utimesSync(join(checkout, 'dist', 'cli.cjs'), rebuiltMs / 1000, rebuiltMs / 1000);
    utimesSync(join(checkout, 'dist', 'main.mjs'), rebuiltMs / 1000, rebuiltMs / 1000);
    expect(run(checkout, ['eval'])).toBe('two eval function\n');
  });

  it('runs the CommonJS bundle of an installed package, which has no sources', () => {
    checkout = withCliBundle('one');
    rmSync(join(checkout, 'src'), { recursive: true });
    expect(run(checkout, ['runs'])).toBe('one runs function\n');
  });

  it('exits once main is done and nothing but the standard streams is left, else lets the event loop run on', () => {
    checkout = withCliBundle('one');
    const lateWork: Record<string, string> = {
      // Nothing pending: the process ends without draining the event loop, so `beforeExit` never comes.
      idle: "process.on('beforeExit', () => process.stdout.write('drained\\n'));",
      // Work left to promise callbacks alone finishes first.
      chain:
        "void (async () => { for (let turn = 0; turn < 100; turn += 1) await null; process.stdout.write('chain\\n'); })();",
      timer: "setTimeout(() => process.stdout.write('timer\\n'), 30);",
      file: "require('node:fs').readFile(__filename, () => process.stdout.write('file\\n'));",
      socket:
        "const server = require('node:net').createServer((socket) => socket.end()).listen(0, () => { require('node:net').connect(server.address().port).on('close', () => { process.stdout.write('socket\\n'); server.close(); }).resume(); });",
    };
    const source = Object.entries(lateWork)
      .map(([word, work]) => `if (argv[0] === '${word}') { ${work} }`)
      .join('\n');
    writeFileSync(
      join(checkout, 'dist', 'cli.cjs'),
      // Node's own reading of the bin (a file closed asynchronously) is over by the time a real command ends.
      `exports.main = async (argv) => { await new Promise((resolve) => setTimeout(resolve, 50)); process.stdout.write('main\\n'); ${source}\n return 0; };\n`,
    );
    utimesSync(join(checkout, 'dist', 'cli.cjs'), bundleMs / 1000, bundleMs / 1000);
    expect(run(checkout, ['idle'])).toBe('main\n');
    expect(run(checkout, ['chain'])).toBe('main\nchain\n');
    expect(run(checkout, ['timer'])).toBe('main\ntimer\n');
    expect(run(checkout, ['file'])).toBe('main\nfile\n');
    expect(run(checkout, ['socket'])).toBe('main\nsocket\n');
  });

  it('writes all of a long output to a pipe that is read slowly before it exits', () => {
    checkout = withCliBundle('one');
    writeFileSync(
      join(checkout, 'dist', 'cli.cjs'),
      "exports.main = async () => { process.stdout.write('x'.repeat(1_000_000) + '\\n'); return 0; };\n",
    );
    utimesSync(join(checkout, 'dist', 'cli.cjs'), bundleMs / 1000, bundleMs / 1000);
    const bin = join(checkout, 'bin', 'parity.js');
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" eval | (sleep 0.3; wc -c)`], {
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('1000001');
  });

  it('runs the sources, not the CommonJS bundle, after an edit', () => {
    checkout = withCliBundle('one');
    setTimes(checkout, bundleMs, { 'deep/er/thing.ts': bundleMs + 1_000 });
    expect(run(checkout)).toBe('sources\n');
  });
});
