import { StoreError } from '../store-error.ts';
import { BridgeError } from './sync-bridge.ts';

/** Whether `--store` (or PARITY_STORE) names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** The URL with its password (and any query string, which may carry one) replaced: safe for messages and logs. */
export function redactStoreUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** SQLSTATE classes whose cause the user can act on; the rest keep PostgreSQL's words (without secrets). */
const problemByState: Readonly<Record<string, 'locked' | 'full' | 'unreachable' | 'read-only'>> = {
  '53100': 'full', // disk_full
  '55P03': 'locked', // lock_not_available
  '57014': 'locked', // query_canceled (statement timeout)
  '40P01': 'locked', // deadlock_detected
  '25006': 'read-only', // read_only_sql_transaction (a standby)
  '28000': 'unreachable', // invalid_authorization_specification
  '28P01': 'unreachable', // invalid_password
  '3D000': 'unreachable', // invalid_catalog_name (no such database)
  '57P01': 'unreachable', // admin_shutdown
  '57P03': 'unreachable', // cannot_connect_now
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  ETIMEDOUT: 'unreachable',
  ECONNRESET: 'unreachable',
  PARITY_TIMEOUT: 'locked',
};

/**
 * A StoreError for a failure of the PostgreSQL store at `url`, named by the redacted URL; the password is
 * removed from the detail too (drivers may echo the connection string).
 */
export function postgresStoreError(error: unknown, url: string): StoreError {
  if (error instanceof StoreError) return error;
  const location = redactStoreUrl(url);
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof BridgeError ? error.code : (error as { code?: unknown } | undefined)?.code;
  const password = safePassword(url);
  const detail = password === '' ? message : message.split(password).join('***');
  const problem = (typeof code === 'string' ? problemByState[code] : undefined) ?? 'unreachable';
  return new StoreError({ problem, storePath: location, detail: detail.split(url).join(location) });
}

function safePassword(url: string): string {
  try {
    const password = new URL(url).password;
    return password === '' ? '' : decodeURIComponent(password);
  } catch {
    return '';
  }
}
