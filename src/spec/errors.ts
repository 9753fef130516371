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

/**
 * What a provider error means beyond its status, where that changes what the runner does:
 * - `context-length`: the prompt (plus the output budget) does not fit the model's context. Never retried;
 *   the item fails on its own and the run goes on.
 * - `insufficient-quota`: the account is out of credit or over its billing limit (OpenAI's 429
 *   `insufficient_quota`). Never retried; the run stops at once.
 * - `budget-exhausted`: the output budget ran out before any answer text (a reasoning model thought past
 *   it). Never retried; the item is recorded as that, not as a wrong answer.
 * - `log-likelihood-tie`: several choices got the same log-likelihood, so none is the model's answer. Never
 *   retried; the item is recorded as that, not won by the first choice.
 */
export type ProviderErrorKind =
  'context-length' | 'insufficient-quota' | 'budget-exhausted' | 'log-likelihood-tie';

/**
 * What a server said about its rate limits in `x-ratelimit-*` headers (OpenAI, Groq, Together, …), on a
 * success or a refusal. Every field is undefined when the header was absent or unreadable.
 */
export interface RateLimitState {
  readonly limitRequests?: number;
  readonly limitTokens?: number;
  readonly remainingRequests?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the request budget is full again. */
  readonly resetRequestsMs?: number;
  /** Milliseconds until the token budget is full again. */
  readonly resetTokensMs?: number;
}

/** A provider call failed. `isRetryable` tells the runner whether another attempt may succeed. */
export class ProviderError extends ParityError {
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  /** Milliseconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** Set when the error means something the runner treats apart (see ProviderErrorKind). */
  readonly kind: ProviderErrorKind | undefined;
  /** The server's `x-ratelimit-*` headers on this answer, when it sent any. */
  readonly rateLimit: RateLimitState | undefined;
  constructor(options: {
    provider: string;
    message: string;
    statusCode?: number;
    isRetryable: boolean;
    retryAfterMs?: number;
    kind?: ProviderErrorKind;
    rateLimit?: RateLimitState;
    cause?: unknown;
  }) {
    super(`${options.provider}: ${options.message}`, {
      exitCode: options.kind === 'insufficient-quota' ? 2 : 1,
      cause: options.cause,
    });
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.kind = options.kind;
    this.rateLimit = options.rateLimit;
  }
}

/** The user (Ctrl-C) or the caller cancelled the work; what was stored can be resumed. */
export class CancelledError extends ParityError {
  constructor(message = 'cancelled') {
    super(message, { exitCode: 3 });
  }
}
