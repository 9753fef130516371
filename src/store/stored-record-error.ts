import { InputError } from '../spec/index.ts';

/**
 * A row of the run store could not be read back: invalid JSON or a shape that is not what parity writes (the
 * file was edited or damaged). The message names the database file, the run and the item or cache key.
 */
export class StoredRecordError extends InputError {
  readonly runId: string | undefined;
  readonly itemId: string | undefined;
  readonly cacheKey: string | undefined;
  constructor(options: {
    databasePath: string;
    runId?: string;
    itemId?: string;
    sample?: number;
    cacheKey?: string;
    detail: string;
    cause?: unknown;
  }) {
    const where = [
      options.runId === undefined ? undefined : `run ${options.runId}`,
      options.itemId === undefined ? undefined : `item ${options.itemId}#${options.sample ?? 0}`,
      options.cacheKey === undefined ? undefined : `cache entry ${options.cacheKey}`,
    ].filter((part) => part !== undefined);
    super(`stored record is corrupted: ${options.detail}`, {
      location: `${options.databasePath} (${where.join(', ')})`,
      cause: options.cause,
    });
    this.runId = options.runId;
    this.itemId = options.itemId;
    this.cacheKey = options.cacheKey;
  }
}
