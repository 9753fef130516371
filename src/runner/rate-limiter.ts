import { InputError } from '../spec/index.ts';

/** One start counted by a RateLimiter; `correct` replaces its estimate with what the server reported. */
export interface RateReservation {
  readonly startMs: number;
  readonly tokens: number;
}

export type ReserveResult =
  | { readonly type: 'reserved'; readonly reservation: RateReservation }
  | { readonly type: 'wait'; readonly waitMs: number };

export interface RateLimiter {
  /**
   * Counts a start at `nowMs` when the last `windowMs` leave room for one more request and `tokens` more
   * tokens; otherwise says how long to wait before asking again. A call bigger than the whole token budget
   * starts once the window holds no tokens (it could never start otherwise).
   */
  tryReserve(options: { readonly tokens: number; readonly nowMs: number }): ReserveResult;
  /** Replaces a reservation's tokens (the estimate) with the tokens the server reported. */
  correct(reservation: RateReservation, tokens: number): void;
  /** Requests and tokens counted in the window ending at `nowMs`. */
  usage(nowMs: number): { readonly requests: number; readonly tokens: number };
}

export interface RateLimiterOptions {
  /** At most this many starts in any window; undefined = no limit. */
  readonly requestsPerMinute?: number;
  /** At most this many tokens (estimated, then as reported) in any window; undefined = no limit. */
  readonly tokensPerMinute?: number;
  /** Default 60 000 ms. */
  readonly windowMs?: number;
}

function checkLimit(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`must be an integer ≥ 1, got ${value}`, { location: name });
  }
}

interface Entry {
  readonly startMs: number;
  tokens: number;
}

/**
 * Requests-per-minute and tokens-per-minute budget as a sliding log of starts: no window of `windowMs` ever
 * holds more than `requestsPerMinute` starts or more than `tokensPerMinute` tokens (apart from a single call
 * larger than the budget). Pure: the caller passes the time.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerMinute, tokensPerMinute } = options;
  checkLimit('requestsPerMinute', requestsPerMinute);
  checkLimit('tokensPerMinute', tokensPerMinute);
  const windowMs = options.windowMs ?? 60_000;
  // Starts in time order; entries at or before nowMs − windowMs have left the window.
  let entries: Entry[] = [];
  const reservations = new WeakMap<RateReservation, Entry>();

  function prune(nowMs: number): void {
    const firstInside = entries.findIndex((entry) => entry.startMs > nowMs - windowMs);
    entries = firstInside === -1 ? [] : entries.slice(firstInside);
  }

  /** Milliseconds until the oldest `count` entries have left the window. */
  function waitForOldest(count: number, nowMs: number): number {
    const entry = entries[count - 1];
    return entry ? Math.max(1, entry.startMs + windowMs - nowMs) : 1;
  }

  return {
    tryReserve({ tokens, nowMs }) {
      prune(nowMs);
      let waitMs = 0;
      if (requestsPerMinute !== undefined && entries.length >= requestsPerMinute) {
        waitMs = waitForOldest(entries.length - requestsPerMinute + 1, nowMs);
      }
      if (tokensPerMinute !== undefined) {
        const used = entries.reduce((sum, entry) => sum + entry.tokens, 0);
        // Free the oldest entries until the call fits (or the window is empty, for an oversized call).
        let freed = 0;
        let leaving = 0;
        while (used - freed > 0 && used - freed + tokens > tokensPerMinute && leaving < entries.length) {
          freed += entries[leaving]?.tokens ?? 0;
          leaving += 1;
        }
        if (leaving > 0) waitMs = Math.max(waitMs, waitForOldest(leaving, nowMs));
      }
      if (waitMs > 0) return { type: 'wait', waitMs };
      const entry: Entry = { startMs: nowMs, tokens };
      entries.push(entry);
      const reservation: RateReservation = {
        startMs: nowMs,
        get tokens() {
          return entry.tokens;
        },
      };
      reservations.set(reservation, entry);
      return { type: 'reserved', reservation };
    },
    correct(reservation, tokens) {
      const entry = reservations.get(reservation);
      if (entry && Number.isFinite(tokens) && tokens >= 0) entry.tokens = tokens;
    },
    usage(nowMs) {
      prune(nowMs);
      return { requests: entries.length, tokens: entries.reduce((sum, entry) => sum + entry.tokens, 0) };
    },
  };
}
