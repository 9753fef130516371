import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { RunStore } from '../../src/spec/index.ts';
import { openPostgresRunStore } from '../../src/store/postgres/postgres-run-store.ts';
import { openSqliteRunStore } from '../../src/store/sqlite-run-store.ts';
import { postgresSkipReason, startPostgresServer } from './postgres-server.ts';
import type { PostgresServer } from './postgres-server.ts';

/** The run stores every store conformance test runs against. */
export const storeKinds = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** A fresh, empty store per test: `location` is an SQLite path or a postgres:// URL; `open` may be called again. */
export interface StoreHarness {
  readonly kind: StoreKind;
  location(): string;
  open(options?: { generateId?: () => string }): RunStore;
}

/**
 * `describe.each` over both stores: the body's tests run once on SQLite (a file in a temporary folder) and once
 * on PostgreSQL (a new database on a throwaway server this file starts, see postgres-server.ts). The PostgreSQL
 * pass is skipped, with the reason as its title, where the server binaries are missing.
 */
export function describeEachStore(title: string, body: (harness: StoreHarness) => void): void {
  describe.each(storeKinds)(`${title} (%s)`, (kind) => {
    const skip = kind === 'postgres' ? postgresSkipReason() : undefined;
    describe.skipIf(skip !== undefined)(skip ?? `on ${kind}`, () => {
      body(useStoreHarness(kind));
    });
  });
}

let databases = 0;

/** Registers the hooks that give each test a fresh store of `kind` and close what it opened. */
export function useStoreHarness(kind: StoreKind): StoreHarness {
  let server: PostgresServer | undefined;
  let folder = '';
  let current = '';
  const opened: RunStore[] = [];
  beforeAll(async () => {
    if (kind === 'postgres') server = await startPostgresServer();
  });
  afterAll(() => server?.stop());
  beforeEach(() => {
    if (kind === 'postgres' && server) {
      databases += 1;
      current = server.createDatabase(`parity_${process.pid}_${databases}`);
    } else {
      folder = mkdtempSync(join(tmpdir(), 'parity-store-'));
      current = join(folder, 'nested', 'parity.db');
    }
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
    folder = '';
  });
  return {
    kind,
    location: () => current,
    open(options = {}) {
      const generateId = options.generateId ? { generateId: options.generateId } : {};
      const store =
        kind === 'postgres'
          ? openPostgresRunStore({ url: current, ...generateId })
          : openSqliteRunStore({ path: current, ...generateId });
      opened.push(store);
      return store;
    },
  };
}
