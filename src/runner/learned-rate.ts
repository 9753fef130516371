import type { RateLimitState } from '../spec/index.ts';

/**
 * The request rate an endpoint allows, learned while a run goes (and shared by every run of the process that
 * uses the same gate), so that a polite client is refused a few times at most, not hundreds:
 * - from `x-ratelimit-*` headers, on any answer: the budget refills at `(limit − remaining) / reset` requests
 *   per second (OpenAI's token bucket: `reset` is the time until it is full again), and `remaining` says how
 *   many may start before waiting;
 * - a refusal's `Retry-After` holds every start until it has passed (refusals without headers are left to
 *   the adaptive concurrency limit: they say how many at once, not how many per second);
 * - successes without headers raise a learned rate slowly (1% each), so a limit that grew is found again.
 * Pure state; the caller passes the time.
 */
export interface LearnedRate {
  /** Milliseconds to wait before the next start (0 = now); counts the start when it returns 0. */
  reserve(nowMs: number): number;
  /** An answer came back: what it said about the rate limit, and whether it was a refusal. */
  observe(options: {
    readonly nowMs: number;
    readonly rateLimit?: RateLimitState | undefined;
    readonly refused: boolean;
    readonly retryAfterMs?: number | undefined;
  }): void;
  /** Requests per second allowed now; undefined while nothing limits the rate. */
  readonly requestsPerSecond: number | undefined;
}

/** Starts are paced a little below the learned rate, so timing jitter does not turn into refusals. */
const safety = 0.97;

export function createLearnedRate(): LearnedRate {
  let rate: number | undefined;
  let nextStartMs = 0;
  /** Starts the server is known to allow before pacing applies (from `remaining`). */
  let burst = 0;
  let holdUntilMs = 0;

  return {
    get requestsPerSecond() {
      return rate;
    },
    reserve(nowMs) {
      if (nowMs < holdUntilMs) return holdUntilMs - nowMs;
      if (rate === undefined) return 0;
      if (burst >= 1) {
        burst -= 1;
        nextStartMs = Math.max(nextStartMs, nowMs);
        return 0;
      }
      if (nowMs < nextStartMs) return nextStartMs - nowMs;
      nextStartMs = Math.max(nextStartMs + 1000 / rate, nowMs);
      return 0;
    },
    observe({ nowMs, rateLimit, refused, retryAfterMs }) {
      const { limitRequests, remainingRequests, resetRequestsMs } = rateLimit ?? {};
      if (
        limitRequests !== undefined &&
        remainingRequests !== undefined &&
        resetRequestsMs !== undefined &&
        resetRequestsMs > 0 &&
        remainingRequests < limitRequests
      ) {
        // OpenAI's bucket refills evenly: what is missing comes back over `reset`.
        rate = ((limitRequests - remainingRequests) / resetRequestsMs) * 1000 * safety;
        // `remaining` may be stale by the starts in flight, so it is not spent as a burst: pace only.
        burst = 0;
        if (remainingRequests === 0) holdUntilMs = Math.max(holdUntilMs, nowMs + 1000 / rate);
        return;
      }
      if (refused) {
        // Without headers a refusal says nothing about the rate (the concurrency limit answers it);
        // Retry-After holds every start until it has passed.
        if (retryAfterMs !== undefined) holdUntilMs = Math.max(holdUntilMs, nowMs + retryAfterMs);
        return;
      }
      if (rate !== undefined) rate *= 1.01;
    },
  };
}
