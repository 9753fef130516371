export { openSqliteRunStore } from './sqlite-run-store.ts';
export type { SqliteRunStoreOptions } from './sqlite-run-store.ts';
export { StoredRecordError } from './stored-record-error.ts';
export { generateRunId } from './run-id.ts';
export { currentSchemaVersion } from './store-migrations.ts';
