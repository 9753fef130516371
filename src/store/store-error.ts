import { ParityError } from '../spec/index.ts';

/** What went wrong with the run store file, as far as the user can act on it. */
export type StoreProblem =
  'locked' | 'full' | 'corrupt' | 'not-a-database' | 'unopenable' | 'read-only' | 'missing' | 'unreachable';

/**
 * The run store file cannot be used. The message is one line naming the file and what to do. Exit code 1 when
 * waiting or freeing space fixes it (locked, full), 2 when the file given is the problem (the other kinds).
 */
export class StoreError extends ParityError {
  readonly problem: StoreProblem;
  readonly storePath: string;
  constructor(options: { problem: StoreProblem; storePath: string; detail?: string; cause?: unknown }) {
    const { problem, storePath } = options;
    const detail = options.detail === undefined ? '' : ` (${options.detail})`;
    // SQLite's own words add nothing to 'locked' and 'full'.
    const shown = problem === 'locked' || problem === 'full' ? '' : detail;
    super(`${storePath}: ${advice[problem]}${shown}`, {
      exitCode: problem === 'locked' || problem === 'full' ? 1 : 2,
      cause: options.cause,
    });
    this.problem = problem;
    this.storePath = storePath;
  }
}

const advice: Record<StoreProblem, string> = {
  locked:
    'the run store stayed locked by another parity process; wait for it to finish (or stop it) and try again',
  full: 'the disk holding the run store is full; free space, then continue the run with `parity resume <run-id>` (nothing stored so far is lost)',
  corrupt:
    'the run store is damaged; restore it from a backup, or move it aside and start a new one (the sqlite3 shell’s `.recover` may save its runs)',
  'not-a-database':
    'is not a parity run store (not an SQLite database); point --store (or PARITY_STORE) at a run store or at a new file',
  unopenable:
    'cannot open the run store; check that its folder exists and that you may read and write it, or choose another --store',
  missing:
    "there is no run store here yet (commands that only read never create one); start a run with 'parity eval' or 'parity demo', or point --store (or PARITY_STORE) at an existing store",
  unreachable:
    'cannot use the PostgreSQL run store; check that the server runs and that the URL (host, port, database, user, password) is right',
  'read-only':
    'the run store is read-only for this user; `runs`, `show`, `view` and `report` still read it, but to write runs use a store you may write (--store)',
};

/** SQLite result codes (primary code, as better-sqlite3 names them) and the problem each means for the user. */
const problemByCode: Readonly<Record<string, StoreProblem>> = {
  SQLITE_BUSY: 'locked',
  SQLITE_LOCKED: 'locked',
  SQLITE_FULL: 'full',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'not-a-database',
  SQLITE_CANTOPEN: 'unopenable',
  SQLITE_READONLY: 'read-only',
  SQLITE_PERM: 'read-only',
};

/** File-system error codes (Node's `code`) met while preparing the store's folder. */
const problemByErrno: Readonly<Record<string, StoreProblem>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EACCES: 'unopenable',
  EPERM: 'unopenable',
  ENOTDIR: 'unopenable',
  EEXIST: 'unopenable',
  EISDIR: 'unopenable',
  EROFS: 'read-only',
};

/**
 * The StoreError that `error` (thrown by SQLite or the file system while using the store at `storePath`) means,
 * or undefined when it is not a store problem the user can act on (then it should propagate unchanged).
 */
export function storeErrorFrom(error: unknown, storePath: string): StoreError | undefined {
  if (error instanceof StoreError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_CORRUPT_VTAB, SQLITE_IOERR_NOSPC …) share the primary's prefix.
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  const problem =
    code === 'SQLITE_IOERR_NOSPC'
      ? 'full'
      : ((primary === undefined ? undefined : problemByCode[primary]) ?? problemByErrno[code]);
  if (problem === undefined) return undefined;
  return new StoreError({ problem, storePath, detail: error.message, cause: error });
}
