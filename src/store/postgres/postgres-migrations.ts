import { InputError } from '../../spec/index.ts';
import { BridgeError } from './sync-bridge.ts';
import type { SyncBridge } from './sync-bridge.ts';

/**
 * The PostgreSQL schema, step for step the meaning of store-migrations.ts (SQLite): migration i brings the
 * database from version i to i + 1. Append, never edit. JSON columns stay text (the row readers of
 * stored-rows.ts check them the same way); `sequence` plays SQLite's rowid (order recorded, new on re-record).
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    status TEXT NOT NULL,
    done_items INTEGER NOT NULL DEFAULT 0,
    total_items INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sequence BIGSERIAL NOT NULL
  );
  CREATE INDEX runs_by_created_at ON runs (created_at);
  CREATE SEQUENCE items_sequence;
  CREATE TABLE items (
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    sample INTEGER NOT NULL,
    status TEXT NOT NULL,
    item_group TEXT,
    request TEXT NOT NULL,
    response TEXT,
    error TEXT,
    extracted TEXT,
    scores TEXT NOT NULL,
    cached INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    cache_key TEXT NOT NULL,
    sequence BIGINT NOT NULL DEFAULT nextval('items_sequence'),
    PRIMARY KEY (run_id, item_id, sample)
  );
  CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE item_fingerprints (
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
  );
  CREATE TABLE run_datasets (
    run_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    items INTEGER NOT NULL
  );
  `,
  `
  ALTER TABLE runs ADD COLUMN owner TEXT;
  ALTER TABLE runs ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
  `,
  `
  CREATE TABLE item_gold (
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    target TEXT NOT NULL,
    choices TEXT,
    PRIMARY KEY (run_id, item_id)
  );
  `,
  `
  ALTER TABLE runs ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
  `,
  // SQLite's covering digest index; here an index in the order recorded, which readItemDigests walks.
  `
  CREATE INDEX items_by_sequence ON items (run_id, sequence);
  `,
];

export const currentPostgresSchemaVersion = migrations.length;

/** A fixed key for pg_advisory_xact_lock: two processes opening a new database migrate it once. */
const migrationLock = 4_170_240;

/** Brings the database to the current version, one transaction per migration; refuses a newer schema. */
export function migratePostgresStore(bridge: SyncBridge, options: { location: string }): void {
  for (;;) {
    const [, , versionResult] = bridge.run(
      [
        { sql: 'SELECT pg_advisory_xact_lock($1)', params: [migrationLock] },
        { sql: 'CREATE TABLE IF NOT EXISTS parity_schema_version (version INTEGER NOT NULL)' },
        { sql: 'SELECT version FROM parity_schema_version' },
      ],
      'write',
    );
    const row = versionResult?.rows[0];
    const version = row === undefined ? 0 : Number(row.version);
    if (version > currentPostgresSchemaVersion) {
      throw new InputError(
        `run store has schema version ${version}; this parity reads up to ${currentPostgresSchemaVersion} (upgrade parity)`,
        { location: options.location },
      );
    }
    if (version === currentPostgresSchemaVersion) return;
    try {
      bridge.run(
        [
          { sql: 'SELECT pg_advisory_xact_lock($1)', params: [migrationLock] },
          // Another process may have migrated since: then this script is rolled back and the loop reads again.
          {
            sql: 'SELECT 1 WHERE (SELECT coalesce(max(version), 0) FROM parity_schema_version) = $1',
            params: [version],
            requireRow: true,
          },
          ...(migrations[version] ?? '')
            .split(';')
            .map((statement) => statement.trim())
            .filter((statement) => statement !== '')
            .map((sql) => ({ sql })),
          { sql: 'DELETE FROM parity_schema_version' },
          { sql: 'INSERT INTO parity_schema_version (version) VALUES ($1)', params: [version + 1] },
        ],
        'write',
      );
    } catch (error) {
      if (!(error instanceof BridgeError && error.missingRowStep !== undefined)) throw error;
    }
  }
}
