import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useStoreHarness } from '../../../test/support/store-harness.ts';
import { postgresSkipReason } from '../../../test/support/postgres-server.ts';
import type { ItemRecord } from '../../spec/index.ts';
import { StoreError } from '../store-error.ts';
import { currentPostgresSchemaVersion } from './postgres-migrations.ts';
import { openPostgresRunStore } from './postgres-run-store.ts';
import { redactStoreUrl } from './postgres-store-error.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const skip = postgresSkipReason();

/** Runs SQL on the test database with psql (an independent client: what is really stored). */
function psql(url: string, sql: string): string {
  const bin = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], {
    encoding: 'utf8',
  });
  const result = spawnSync(join(bin.stdout.trim(), 'psql'), ['-X', '-q', '-A', '-t', '-d', url, '-c', sql], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

function record(itemId: string): ItemRecord {
  return {
    itemId,
    sample: 0,
    status: 'ok',
    request: { messages: [{ role: 'user', content: `q ${itemId}` }], parameters: {} },
    response: {
      text: 'A',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 1 },
      timing: { totalMs: 2 },
      prefillApplied: false,
    },
    extracted: 'A',
    scores: { accuracy: 1 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${itemId}`,
  };
}

const newRun = {
  kind: 'eval' as const,
  config: {
    modelSpec: 'openai:fake',
    model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'fake' },
    benchmark: 'gsm8k',
    protocol: 'gsm8k.cot.8shot',
    protocolVersion: 1,
    concurrency: 1,
    timeoutMs: 1000,
    maxRetries: 0,
  },
  totalItems: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('redactStoreUrl', () => {
  it('hides the password and the query string', () => {
    expect(redactStoreUrl('postgres://team:s3cr%40t@db.example:5433/parity?sslmode=require&password=x')).toBe(
      'postgres://team:***@db.example:5433/parity',
    );
    expect(redactStoreUrl('postgres://db.example/parity')).toBe('postgres://db.example/parity');
  });
});

describe('openPostgresRunStore errors', () => {
  it('names an unreachable server without its password', () => {
    let caught: unknown;
    try {
      openPostgresRunStore({ url: 'postgres://team:s3cret@127.0.0.1:1/parity', timeoutMs: 5_000 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    const message = String((caught as Error).message);
    expect(message).toContain('postgres://team:***@127.0.0.1:1/parity');
    expect(message).toMatch(/cannot use the PostgreSQL run store/);
    expect(message).not.toContain('s3cret');
    expect((caught as StoreError).exitCode).toBe(2);
  });
});

describe.skipIf(skip !== undefined)(skip ?? 'openPostgresRunStore on a real server', () => {
  const harness = useStoreHarness('postgres');

  it('migrates a new database once and records the schema version', () => {
    harness.open().close();
    harness.open().close();
    expect(psql(harness.location(), 'SELECT version FROM parity_schema_version')).toBe(
      String(currentPostgresSchemaVersion),
    );
  });

  it('refuses a store written by a newer schema', () => {
    harness.open().close();
    psql(harness.location(), 'UPDATE parity_schema_version SET version = 99');
    expect(() => harness.open()).toThrow(/schema version 99/);
  });

  it('never stores the password: the database holds no trace of it', () => {
    const withPassword = harness.location().replace('parity@', 'parity:s3cret@');
    const store = openPostgresRunStore({ url: withPassword });
    const runId = store.createRun(newRun);
    store.recordItem(runId, record('a'), { updatedAt: newRun.createdAt });
    store.close();
    expect(psql(harness.location(), "SELECT count(*) FROM runs WHERE config LIKE '%s3cret%'")).toBe('0');
  });

  it('leaves V8 flags as the CLI set them, so a code cache made after its worker ran is taken by the next process', () => {
    const cacheFile = join(tmpdir(), `parity-pg-cache-${process.pid}-${Date.now()}`);
    const run = (mode: string): string =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'src/store/fixtures/code-cache-after-postgres-worker.ts'),
          harness.location(),
          mode,
          cacheFile,
        ],
        { cwd: repoRoot, encoding: 'utf8' },
      );
    try {
      expect(run('write')).toBe('stored\n');
      expect(run('check')).toBe('rejected false\n');
    } finally {
      rmSync(cacheFile, { force: true });
    }
  });

  it('counts an item recorded by two connections once', () => {
    const first = harness.open();
    const second = harness.open();
    const runId = first.createRun(newRun);
    first.recordItems(runId, [record('a'), record('b')], { updatedAt: newRun.createdAt });
    second.recordItems(runId, [record('b'), record('c'), record('c')], { updatedAt: newRun.createdAt });
    expect(first.getSummary(runId)?.doneItems).toBe(3);
    expect(psql(harness.location(), `SELECT count(*) FROM items WHERE run_id = '${runId}'`)).toBe('3');
  });

  it('leaves a consistent database when the writer is killed with SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'src/store/fixtures/record-items-until-killed.ts'),
        harness.location(),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.on('exit', (_code, signal) => resolveExit(signal)),
    );
    let runId = '';
    await new Promise<void>((resolveEnough, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        runId = /^run (\S+)$/m.exec(buffer)?.[1] ?? runId;
        const counts = [...buffer.matchAll(/^recorded (\d+)$/gm)].map((match) => Number(match[1]));
        if ((counts.at(-1) ?? 0) >= 200) {
          child.kill('SIGKILL');
          resolveEnough();
        }
      });
      child.on('exit', () => reject(new Error(`writer exited on its own: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const orphans = psql(
      harness.location(),
      "SELECT count(*) FROM items LEFT JOIN cache ON cache.key = items.cache_key WHERE items.status = 'ok' AND cache.key IS NULL",
    );
    expect(orphans).toBe('0');
    const store = harness.open();
    const run = store.getRun(runId);
    expect(run?.items.length).toBeGreaterThanOrEqual(200);
    expect(run?.doneItems).toBe(run?.items.length);
  });
});
