import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder, `pg_ctl start` on a free loopback
 * port (its unix socket in the same private folder), trust authentication for the user `parity`. `stop()` stops the
 * server and deletes the folder. PostgreSQL refuses to run as root: as root, the binaries run as the `postgres`
 * user (runuser) in a folder that user owns.
 */
export interface PostgresServer {
  /** postgres://parity@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** A URL for database `name` on this server (create it with `createDatabase`). */
  urlFor(name: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

/** Where the PostgreSQL server binaries are, or why none can be used. */
export function findPostgresBinaries(): { bin: string } | { skip: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest !== undefined) return { bin: join(root, newest, 'bin') };
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath !== '') return { bin: onPath.replace(/\/initdb$/, '') };
  return {
    skip: 'PostgreSQL server binaries (initdb, pg_ctl) are not installed: `apt-get install postgresql` (.ci/run does)',
  };
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresSkipReason(): string | undefined {
  const found = findPostgresBinaries();
  if ('skip' in found) return found.skip;
  if (userInfo().uid === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root and there is no `postgres` user to run the PostgreSQL server as';
  }
  return undefined;
}

/** A free loopback TCP port (the OS picks one; a race with another process is possible but unlikely). */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts a cluster; throws when the binaries are missing (check `postgresSkipReason()` first). */
export async function startPostgresServer(): Promise<PostgresServer> {
  const found = findPostgresBinaries();
  if ('skip' in found) throw new Error(found.skip);
  const { bin } = found;
  const asRoot = userInfo().uid === 0;
  const folder = mkdtempSync(join(tmpdir(), 'parity-pg-'));
  const data = join(folder, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, uid, gid);
    chmodSync(folder, 0o700);
  }
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const commandArgs = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(command, commandArgs, { encoding: 'utf8', cwd: folder });
    if (result.status !== 0) {
      throw new Error(`${program} failed (${result.status}): ${result.stderr}${result.stdout}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'parity', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-locale']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(folder, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -h 127.0.0.1 -k ${folder} -F -c max_connections=200 -c fsync=off`,
    'start',
  ]);
  const urlFor = (name: string): string => `postgres://parity@127.0.0.1:${port}/${name}`;
  let stopped = false;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    createDatabase(name: string): string {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const psql = spawnSync(
        join(findBinOrThrow(), 'psql'),
        [
          '-X',
          '-q',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'parity',
          '-d',
          'postgres',
          '-c',
          `CREATE DATABASE ${name}`,
        ],
        { encoding: 'utf8' },
      );
      if (psql.status !== 0) throw new Error(`CREATE DATABASE ${name} failed: ${psql.stderr}`);
      return urlFor(name);
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function findBinOrThrow(): string {
  const found = findPostgresBinaries();
  if ('skip' in found) throw new Error(found.skip);
  return found.bin;
}
