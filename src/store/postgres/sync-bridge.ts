import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { setCliV8FlagsAgain } from '../cli-v8-flags.ts';

/** One SQL statement of a script; `requireRow`: fail the script (rolled back) when it affects no row. */
export interface SqlStep {
  readonly sql: string;
  readonly params?: readonly unknown[];
  readonly requireRow?: boolean;
}

/** How a script runs: each statement on its own, in one write transaction, or in one repeatable-read snapshot. */
export type ScriptMode = 'plain' | 'write' | 'snapshot';

export interface StepResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/** A failure inside the worker, as plain data (pg's SQLSTATE `code` when PostgreSQL answered). */
export class BridgeError extends Error {
  readonly code: string | undefined;
  /** Index of the `requireRow` step that affected no row. */
  readonly missingRowStep: number | undefined;
  constructor(message: string, options: { code?: string; missingRowStep?: number }) {
    super(message);
    this.name = 'BridgeError';
    this.code = options.code;
    this.missingRowStep = options.missingRowStep;
  }
}

/**
 * Runs SQL on PostgreSQL synchronously (docs/decisions/0240-postgres-store.md): a worker thread owns one `pg`
 * connection; the caller posts a script and blocks on Atomics.wait until the worker has put the answer on a
 * dedicated port, then takes it with receiveMessageOnPort. RunStore stays synchronous, like better-sqlite3.
 */
export interface SyncBridge {
  run(steps: readonly SqlStep[], mode?: ScriptMode): StepResult[];
  close(): void;
}

// Plain JavaScript evaluated in the worker, so it runs the same from sources (tsx, vitest) and from the bundle.
const workerSource = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, flag, url, statementTimeoutMs } = workerData;
const signal = new Int32Array(flag);
const client = new pg.Client({ connectionString: url, application_name: 'parity', statement_timeout: statementTimeoutMs });
client.on('error', () => undefined);
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));
const connected = client.connect();
connected.catch(() => undefined);
function reply(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
port.on('message', async (request) => {
  if (request.close) {
    try { await client.end(); } catch {}
    reply({ results: [] });
    port.close();
    return;
  }
  const transaction = request.mode !== 'plain';
  let begun = false;
  try {
    await connected;
    if (transaction) {
      await client.query(request.mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      begun = true;
    }
    const results = [];
    for (let index = 0; index < request.steps.length; index += 1) {
      const step = request.steps[index];
      const result = await client.query(step.sql, step.params || []);
      if (step.requireRow && result.rowCount === 0) {
        const error = new Error('no row');
        error.missingRowStep = index;
        throw error;
      }
      results.push({ rows: result.rows, rowCount: result.rowCount || 0 });
    }
    if (begun) await client.query('COMMIT');
    reply({ results });
  } catch (error) {
    if (begun) { try { await client.query('ROLLBACK'); } catch {} }
    reply({ error: { message: String(error && error.message || error), code: error && error.code, missingRowStep: error && error.missingRowStep } });
  }
});
`;

interface Reply {
  results?: StepResult[];
  error?: { message: string; code?: string; missingRowStep?: number };
}

export function openSyncBridge(options: {
  url: string;
  /** Longest wait for one script, in milliseconds; PostgreSQL cancels a statement after it too. */
  timeoutMs?: number;
}): SyncBridge {
  // Loaded here: every command imports this module (for BridgeError), few open a PostgreSQL store (0345).
  const require = createRequire(import.meta.url);
  const { MessageChannel, Worker, receiveMessageOnPort } =
    require('node:worker_threads') as typeof WorkerThreads;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const flag = new SharedArrayBuffer(4);
  const signal = new Int32Array(flag);
  const channel = new MessageChannel();
  const pgPath = require.resolve('pg');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { pgPath, port: channel.port2, flag, url: options.url, statementTimeoutMs: timeoutMs },
    transferList: [channel.port2],
  });
  worker.unref();
  const port: MessagePort = channel.port1;
  port.unref();
  let closed = false;

  let flagsRestored = false;
  function exchange(request: object): StepResult[] {
    Atomics.store(signal, 0, 0);
    port.postMessage(request);
    const outcome = Atomics.wait(signal, 0, 0, timeoutMs + 5_000);
    const message = receiveMessageOnPort(port)?.message as Reply | undefined;
    // The worker answered: its heap is set up, and with it V8's flags reset for the process (cli-v8-flags.ts).
    if (message !== undefined && !flagsRestored) {
      flagsRestored = true;
      setCliV8FlagsAgain();
    }
    if (message === undefined) {
      throw new BridgeError(
        outcome === 'timed-out'
          ? `no answer from PostgreSQL within ${timeoutMs} ms`
          : 'the PostgreSQL worker stopped',
        { code: 'PARITY_TIMEOUT' },
      );
    }
    if (message.error) {
      throw new BridgeError(message.error.message, {
        ...(message.error.code === undefined ? {} : { code: message.error.code }),
        ...(message.error.missingRowStep === undefined
          ? {}
          : { missingRowStep: message.error.missingRowStep }),
      });
    }
    return message.results ?? [];
  }

  return {
    run(steps, mode = 'plain') {
      if (closed) throw new BridgeError('the PostgreSQL run store is closed', {});
      return exchange({ steps, mode });
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        exchange({ close: true });
      } finally {
        port.close();
        void worker.terminate();
      }
    },
  };
}
