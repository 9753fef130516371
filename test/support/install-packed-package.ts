import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly devOptional?: boolean;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

interface Lockfile {
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** node-llama-cpp's name for this machine's CPU build: linux-x64, mac-arm64-metal, win-x64, … */
const ownLlamaBuild = `@node-llama-cpp/${{ darwin: 'mac', win32: 'win' }[process.platform as string] ?? process.platform}-${process.arch}`;

/** llama.cpp builds the demo does not use (GPU, other platforms): hundreds of MB to unpack for nothing. */
const unusedLlamaBuild = (name: string): boolean =>
  name.startsWith('@node-llama-cpp/') && (!name.startsWith(ownLlamaBuild) || /cuda|vulkan/.test(name));

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Folders of a checkout that are built, installed or written by tests, not part of the sources. */
const notSources = new Set([
  'node_modules',
  'dist',
  '.git',
  '.parity',
  'coverage',
  'reports',
  '.stryker-tmp',
]);

/**
 * `npm pack` of the repository into `directory` (runs prepack: bundles and types); returns the tarball's path.
 * It packs a copy of the working tree (with the repository's node_modules linked): building in place would
 * rewrite dist/ under the CLI processes other test files are running.
 */
export function packRepository(directory: string): string {
  const source = join(directory, 'source');
  cpSync(REPO_ROOT, source, {
    recursive: true,
    filter: (path) => !notSources.has(relative(REPO_ROOT, path).split(sep)[0] ?? ''),
  });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'));
  const output = run('npm', ['pack', '--pack-destination', directory], source);
  const tarball = readdirSync(directory).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball:\n${output}`);
  return join(directory, tarball);
}

/**
 * Installs the tarball into `app` (an empty folder) as a user would, `npm ci --omit=dev`, but offline: the
 * registry is never asked. npm resolves versions from packuments, which `npm ci` does not cache, so the app gets
 * a lockfile made of the repository's own production entries (the versions `npm ci` installed, whose tarballs
 * are in the npm cache); llama.cpp's GPU and foreign-platform builds are left out. Install scripts are skipped
 * (better-sqlite3 would compile for minutes or download a binary): its compiled module is copied from the
 * repository's node_modules, the same version built on this machine. docs/decisions/0120.
 */
export function installPackedPackage(tarball: string, app: string): void {
  mkdirSync(app, { recursive: true });
  const repoLock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const root = repoLock.packages[''] ?? {};
  const specifier = `file:${tarball}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'app', dependencies: { parity: specifier } },
    'node_modules/parity': {
      version: root.version,
      resolved: specifier,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
      license: root.license,
    },
  };
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path === '' || entry.dev === true || entry.devOptional === true) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (unusedLlamaBuild(name)) continue;
    const optional = entry.optionalDependencies;
    packages[path] = optional
      ? {
          ...entry,
          optionalDependencies: Object.fromEntries(
            Object.entries(optional).filter(([dependency]) => !unusedLlamaBuild(dependency)),
          ),
        }
      : entry;
  }
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { parity: specifier } }),
  );
  writeFileSync(
    join(app, 'package-lock.json'),
    JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }),
  );
  run('npm', ['ci', '--offline', '--omit=dev', '--ignore-scripts', '--no-audit'], app);
  const binding = join('node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(join(app, binding), { recursive: true });
  copyFileSync(join(REPO_ROOT, binding, 'better_sqlite3.node'), join(app, binding, 'better_sqlite3.node'));
}
