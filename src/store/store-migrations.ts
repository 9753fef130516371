import type { Database } from 'better-sqlite3';
import { InputError } from '../spec/index.ts';

/** Schema changes in order; migration i brings the database from version i to i + 1. Append, never edit. */
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
    updated_at TEXT NOT NULL
  );
  CREATE INDEX runs_by_created_at ON runs (created_at);
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
    PRIMARY KEY (run_id, item_id, sample)
  );
  CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // Item fingerprints (docs/decisions/0047-item-fingerprints.md): what each run's items contained, so that
  // runs are only paired on identical items.
  `
  CREATE TABLE item_fingerprints (
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
  ) WITHOUT ROWID;
  CREATE TABLE run_datasets (
    run_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    items INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // The process working on a run (JSON RunOwner) and the run's configuration changes (JSON RunConfigChange[]).
  `
  ALTER TABLE runs ADD COLUMN owner TEXT;
  ALTER TABLE runs ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
  `,
  // Gold answers (docs/decisions/0167-gold-answers.md): each item's target and, for multiple choice, its
  // choices (JSON array), so results can show why an answer is wrong without the data files.
  `
  CREATE TABLE item_gold (
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    target TEXT NOT NULL,
    choices TEXT,
    PRIMARY KEY (run_id, item_id)
  ) WITHOUT ROWID;
  `,
  // Labels users give runs (`parity label`), a JSON array of strings.
  `
  ALTER TABLE runs ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
  `,
  // Item digests (docs/decisions/0141): a covering index, so that the viewer reads a run's outcomes, usage and
  // timing without reading past the request and response texts of every row. The expressions must stay exactly
  // those of stored-rows.ts digestColumns.
  `
  CREATE INDEX items_digests ON items (
    run_id, item_id, sample, status, item_group, extracted, scores, cached, attempts, error,
    json_extract(response, '$.usage'), json_extract(response, '$.timing'), json_extract(response, '$.finishReason')
  );
  `,
  // Stored run aggregates (docs/decisions/0227): a finished run's ItemAggregates per item score, written when its
  // status leaves 'running', so the viewer's runs list reads one row instead of scanning the run. A cache only:
  // `items_version` (count and last rowid of the run's items) must match the items table or the row is ignored.
  `
  CREATE TABLE run_aggregates (
    run_id TEXT NOT NULL,
    score_key TEXT NOT NULL,
    items_version TEXT NOT NULL,
    aggregates TEXT NOT NULL,
    PRIMARY KEY (run_id, score_key)
  ) WITHOUT ROWID;
  `,
  // Cache rows may name the item row that holds their response (cache-reference.ts, docs/decisions/0315) instead
  // of a copy: no table changes, but parity versions before this one must not read such a store.
  `
  SELECT 1;
  `,
];

/** The schema version this code writes. */
export const currentSchemaVersion = migrations.length;

/**
 * The oldest schema version this code reads as it is: a store it may not write cannot be migrated. Version 8 changed
 * no table, only what a cache row may hold (a reference to an item), which this code reads either way.
 */
export const oldestReadableSchemaVersion = 7;

/** The schema version of an opened store (0 for a new, empty file). */
export function readSchemaVersion(database: Database): number {
  const table = database
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    )
    .get();
  if (table === undefined) return 0;
  return database.prepare<[], { version: number }>('SELECT version FROM schema_version').get()?.version ?? 0;
}

/**
 * Brings the database to `currentSchemaVersion`, one transaction per migration. The write lock is taken before
 * the version is read, so two processes opening a new file at once migrate it once. A file from a newer parity
 * (higher version) is refused with InputError.
 */
export function migrateStore(database: Database, options: { path: string }): void {
  // A store that is up to date is only read: opening it takes no write lock, so readers are never held up by a
  // writer (and a read-only file opens).
  if (readSchemaVersion(database) === currentSchemaVersion) return;
  database.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const readVersion = database.prepare<[], { version: number }>('SELECT version FROM schema_version');
  const insertVersion = database.prepare<[number]>('INSERT INTO schema_version (version) VALUES (?)');
  const updateVersion = database.prepare<[number]>('UPDATE schema_version SET version = ?');
  for (;;) {
    const stepped = database
      .transaction((): boolean => {
        const row = readVersion.get();
        const version = row?.version ?? 0;
        if (version > currentSchemaVersion) {
          throw new InputError(
            `run store has schema version ${version}; this parity reads up to ${currentSchemaVersion} (upgrade parity)`,
            { location: options.path },
          );
        }
        const migration = migrations[version];
        if (migration === undefined) return false;
        database.exec(migration);
        if (row) updateVersion.run(version + 1);
        else insertVersion.run(version + 1);
        return true;
      })
      .immediate();
    if (!stepped) return;
  }
}
