/** Defaults of the retry backoff, in milliseconds. */
export const defaultRetryBaseDelayMs = 500;
export const defaultRetryMaxDelayMs = 30_000;

export interface BackoffDelayOptions {
  /** 1 for the wait after the first failed attempt, 2 after the second, … */
  readonly attempt: number;
  /** Ceiling of the first wait; doubles each attempt. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Largest ceiling. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** What the server asked for (Retry-After); the wait is never shorter. Not capped by maxDelayMs. */
  readonly retryAfterMs?: number;
}

/**
 * Milliseconds to wait before the next attempt: exponential backoff with full jitter — uniform in
 * [0, min(maxDelayMs, baseDelayMs · 2^(attempt−1))) — and at least `retryAfterMs` when the server gave one.
 * Whole milliseconds.
 */
export function backoffDelay(options: BackoffDelayOptions): number {
  const baseDelayMs = options.baseDelayMs ?? defaultRetryBaseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? defaultRetryMaxDelayMs;
  const exponent = Math.max(0, options.attempt - 1);
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(options.random() * ceiling);
  const retryAfterMs = options.retryAfterMs;
  // Stryker disable next-line ConditionalExpression: `retryAfterMs === undefined` is only for the type checker; Number.isFinite(undefined) is false
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return jittered;
  return Math.max(jittered, Math.ceil(retryAfterMs));
}
