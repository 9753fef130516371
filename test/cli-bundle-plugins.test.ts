import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { commanderSpawnOnDemand, sqliteAddonFromItsPackage } from '../scripts/cli-bundle-plugins.mjs';

/** The esbuild plugins of dist/cli.cjs (docs/decisions/0345), each bundling a small entry in a scratch folder. */
const repo = resolve(import.meta.dirname, '..');
let scratch: string | undefined;

afterEach(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function bundle(
  root: string,
  entry: string,
  plugins: Plugin[],
  external: string[] = [],
): Promise<string> {
  const outfile = join(root, 'dist', 'cli.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    plugins,
    external,
    logLevel: 'silent',
  });
  return outfile;
}

function runNode(args: readonly string[]) {
  return spawnSync(process.execPath, args, { encoding: 'utf8' });
}

describe('better-sqlite3 bundled into the CLI', () => {
  /**
   * A stand-in for better-sqlite3 (its addon found through `bindings`), with the real `bindings` package; native
   * addons are stood in for by a `.node` loader that reports which file it was given.
   */
  function fakeSqlitePackage(addons: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'parity-cli-plugins-'));
    writeFiles(root, {
      'src/entry.js':
        "const addon = require('better-sqlite3');\nconst bindings = Object.keys(require.cache).some((file) => file.includes('bindings'));\nprocess.stdout.write(addon + (bindings ? ' (through bindings)' : '') + '\\n');\n",
      'node_modules/better-sqlite3/package.json': '{ "name": "better-sqlite3", "main": "lib/index.js" }\n',
      'node_modules/better-sqlite3/lib/index.js':
        "module.exports = require('bindings')('better_sqlite3.node');\n",
      'addon-loader.cjs':
        "require.extensions['.node'] = (module, file) => { module.exports = 'addon ' + require('node:path').relative(process.cwd(), file); };\n",
      ...Object.fromEntries(Object.keys(addons).map((path) => [`node_modules/better-sqlite3/${path}`, ''])),
    });
    symlinkSync(join(repo, 'node_modules', 'bindings'), join(root, 'node_modules', 'bindings'));
    return root;
  }

  async function loadedAddon(
    addons: Record<string, string>,
    loader?: string,
  ): Promise<ReturnType<typeof runNode>> {
    scratch = fakeSqlitePackage(addons);
    if (loader !== undefined) writeFiles(scratch, { 'addon-loader.cjs': loader });
    const cli = await bundle(scratch, 'src/entry.js', [sqliteAddonFromItsPackage]);
    return spawnSync(process.execPath, ['-r', './addon-loader.cjs', cli], { cwd: scratch, encoding: 'utf8' });
  }

  it("loads the addon from the package's build/Release folder, without `bindings`", async () => {
    const result = await loadedAddon({ 'build/Release/better_sqlite3.node': '' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('addon node_modules/better-sqlite3/build/Release/better_sqlite3.node\n');
  });

  it('asks `bindings` to search the package folder when build/Release has no addon', async () => {
    const result = await loadedAddon({ 'build/Debug/better_sqlite3.node': '' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'addon node_modules/better-sqlite3/build/Debug/better_sqlite3.node (through bindings)\n',
    );
  });

  it('reports an addon that fails to load instead of looking further', async () => {
    const result = await loadedAddon(
      { 'build/Release/better_sqlite3.node': '', 'build/better_sqlite3.node': '' },
      "require.extensions['.node'] = (module, file) => { if (file.includes('Release')) throw new Error('bad addon'); module.exports = 'addon'; };\n",
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('bad addon');
  });
});

describe("commander's child_process in the CLI bundle", () => {
  it('is loaded only when an executable subcommand runs', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'parity-cli-plugins-'));
    writeFiles(scratch, {
      'src/entry.js': `const { Command } = require('commander');
const loaded = () => process.moduleLoadList.includes('NativeModule child_process');
process.stdout.write('before: ' + loaded() + '\\n');
new Command('tool').command('hello', 'says hello', { executableFile: process.argv[2] }).parse(['hello'], { from: 'user' });
process.stdout.write('after: ' + loaded() + '\\n');
`,
      'hello.js': "process.stdout.write('hello from a subcommand\\n');\n",
    });
    symlinkSync(join(repo, 'node_modules'), join(scratch, 'node_modules'));
    const cli = await bundle(scratch, 'src/entry.js', [commanderSpawnOnDemand]);
    const result = runNode([cli, join(scratch, 'hello.js')]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('before: false\nafter: true\nhello from a subcommand\n');
  });
});
