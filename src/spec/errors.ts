/**
 * Base of every error parity throws on purpose. `exitCode` is what the CLI exits with when the error
 * reaches it: 2 for bad input or configuration, 3 for an interrupted (resumable) run, 1 otherwise.
 */
export class ParityError extends Error {
  readonly exitCode: number;
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad input: a flag, a config value, a dataset row, a samples line. The message names the file, line or field. */
export class InputError extends ParityError {
  readonly location: string | undefined;
  constructor(message: string, options: { location?: string; cause?: unknown } = {}) {
    super(options.location ? `${options.location}: ${message}` : message, {
      exitCode: 2,
      cause: options.cause,
    });
    this.location = options.location;
  }
}

/** A provider call failed. `isRetryable` tells the runner whether another attempt may succeed. */
export class ProviderError extends ParityError {
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined;
  constructor(options: {
    provider: string;
    message: string;
    statusCode?: number;
    isRetryable: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(`${options.provider}: ${options.message}`, { exitCode: 1, cause: options.cause });
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The user (Ctrl-C) or the caller cancelled the work; what was stored can be resumed. */
export class CancelledError extends ParityError {
  constructor(message = 'cancelled') {
    super(message, { exitCode: 3 });
  }
}
