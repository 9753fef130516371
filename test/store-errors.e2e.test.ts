import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { PARITY_BIN, runCli, startCli, type CliResult } from './support/run-cli.ts';
import { seedViewStore } from './support/seed-view-store.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/** stderr is exactly one `parity: <store path>: …` line (besides eval's `run …` and `estimate: …` lines). */
function expectOneLineNaming(result: CliResult, storeFile: string, pattern: RegExp): void {
  const lines = result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('run ') && !line.startsWith('estimate: '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(storeFile);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const isRoot = process.getuid?.() === 0;
/** Root may write any file: to see a read-only store as a user does, root runs parity as `nobody`. */
const nobody = { uid: 65534, gid: 65534 };
/** A size-limited tmpfs in a private mount namespace: a full disk without touching the machine's disks. */
const canMountTmpfs =
  isRoot && spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0;

describe('run store problems: one line naming the store file and what to do', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-store-errors-'));
    chmodSync(directory, 0o755);
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 4, rowsPerSubject: 20 });
    server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The best answer is B.' }) });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const evalArgs = (store: string): string[] => [
    'eval',
    '--model',
    'openai:test-model',
    '--base-url',
    server.url,
    '--bench',
    'mmlu',
    '--data-dir',
    join(directory, 'data'),
    '--store',
    store,
  ];

  function seededStore(name: string): { path: string; runId: string } {
    const path = join(directory, name, 'parity.db');
    const store = openSqliteRunStore({ path });
    try {
      return { path, runId: seedViewStore(store).strongRunId };
    } finally {
      store.close();
    }
  }

  it('locked: another process holds the write lock past the busy timeout (exit 1)', async () => {
    const { path } = seededStore('locked');
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await runCli(evalArgs(path), { cwd: directory });
      expect(result.code).toBe(1);
      expectOneLineNaming(result, path, /locked by another parity process; wait/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('locked by a writer: readers still list and show the store', async () => {
    const { path, runId } = seededStore('locked-readers');
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const runs = await runCli(['runs', '--store', path], { cwd: directory });
      expect(runs.code).toBe(0);
      expect(runs.stdout).toContain(runId);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('corrupt: damaged pages (exit 2)', async () => {
    const { path } = seededStore('corrupt');
    const pageSize = 4096;
    expect(statSync(path).size).toBeGreaterThan(4 * pageSize);
    const descriptor = openSync(path, 'r+');
    // Pages 2 and 3 (b-tree pages of the tables) overwritten with garbage; page 1 (the header) stays valid.
    writeSync(descriptor, Buffer.alloc(2 * pageSize, 0xa5), 0, 2 * pageSize, pageSize);
    closeSync(descriptor);
    const result = await runCli(['runs', '--store', path], { cwd: directory });
    expect(result.code).toBe(2);
    expectOneLineNaming(result, path, /damaged; restore it from a backup/);
  });

  it('not a database: a text file given as --store (exit 2)', async () => {
    const path = join(directory, 'notes.txt');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(40));
    const result = await runCli(['runs', '--store', path], { cwd: directory });
    expect(result.code).toBe(2);
    expectOneLineNaming(result, path, /is not a parity run store/);
  });

  it('unopenable: a folder given as --store, or a store under a file (exit 2)', async () => {
    const folder = join(directory, 'a-folder');
    mkdirSync(folder);
    const asFolder = await runCli(['runs', '--store', folder], { cwd: directory });
    expect(asFolder.code).toBe(2);
    expectOneLineNaming(asFolder, folder, /cannot open the run store/);

    writeFileSync(join(directory, 'a-file'), 'a file, not a folder\n');
    const underFile = join(directory, 'a-file', 'parity.db');
    const underFileResult = await runCli(evalArgs(underFile), { cwd: directory });
    expect(underFileResult.code).toBe(2);
    expectOneLineNaming(underFileResult, underFile, /cannot open the run store/);
  });

  describe.runIf(canMountTmpfs)('full disk (root: a 96 KiB tmpfs in a private mount namespace)', () => {
    it('stops with exit 1 and says to free space and resume', async () => {
      const mount = join(directory, 'small-disk');
      mkdirSync(mount);
      const store = join(mount, 'parity.db');
      const command = `mount -t tmpfs -o size=96k tmpfs "$1" && shift && exec "$@"`;
      // Asynchronous: the model server answering parity runs in this process.
      const child = spawn(
        'unshare',
        ['-m', 'sh', '-c', command, 'sh', mount, process.execPath, PARITY_BIN, ...evalArgs(store)],
        { cwd: directory, env: { PATH: process.env.PATH ?? '', HOME: directory } },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
      expect(code).toBe(1);
      expectOneLineNaming(
        { code, signal: null, stdout: '', stderr },
        store,
        /disk holding the run store is full; free space, then continue the run with `parity resume/,
      );
    });
  });

  describe('read-only store (file and folder not writable by the user)', () => {
    let path: string;
    let runId: string;
    /** parity as a user who may read but not write the store (`nobody` when the tests run as root). */
    const asReader = (args: string[]): Promise<CliResult> =>
      runCli(args, { cwd: directory, ...(isRoot ? { user: nobody } : {}) });

    beforeAll(() => {
      ({ path, runId } = seededStore('read-only'));
      chmodSync(path, 0o444);
      chmodSync(join(directory, 'read-only'), 0o555);
    });

    it('eval refuses with one line (exit 2)', async () => {
      const result = await asReader(evalArgs(path));
      expect(result.code).toBe(2);
      expectOneLineNaming(
        result,
        path,
        /read-only for this user; `runs`, `show`, `view` and `report` still read it/,
      );
    });

    it('runs, show and report still read it', async () => {
      const runs = await asReader(['runs', '--store', path]);
      expect(runs.stderr).toBe('');
      expect(runs.code).toBe(0);
      expect(runs.stdout).toContain(runId);
      const show = await asReader(['show', runId, '--store', path]);
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/accuracy/);
      const report = join(directory, `report-${runId}.md`);
      chmodSync(directory, 0o777);
      const reportResult = await asReader(['report', runId, '--store', path, '--md', report]);
      expect(reportResult.stderr).toBe('');
      expect(reportResult.code).toBe(0);
    });

    it('reads a store of the schema version before (7) as it is', async () => {
      const old = seededStore('read-only-v7');
      const database = new Database(old.path);
      database.prepare('UPDATE schema_version SET version = 7').run();
      database.close();
      chmodSync(old.path, 0o444);
      chmodSync(join(directory, 'read-only-v7'), 0o555);
      const show = await asReader(['show', old.runId, '--store', old.path]);
      expect(show.stderr).toBe('');
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/accuracy/);
    });

    it('view serves it', async () => {
      const { child, done } = startCli(['view', '--store', path, '--port', '0'], {
        cwd: directory,
        ...(isRoot ? { user: nobody } : {}),
      });
      let output = '';
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /(http:\/\/\S+?)\/\n/.exec(output);
          if (match?.[1]) resolveUrl(match[1]);
        });
        void done.then((result) => reject(new Error(`view exited: ${result.stderr}`)));
      });
      const response = await fetch(`${url}/api/runs`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(runId);
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
    });
  });
});
