import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter, type RateReservation } from './rate-limiter.ts';

const minuteMs = 60_000;

/** Starts `count` calls as early as the limiter allows on a fake clock; returns the start times. */
function startAll(limiter: RateLimiter, tokensPerCall: readonly number[]): RateReservation[] {
  let nowMs = 0;
  const started: RateReservation[] = [];
  for (const tokens of tokensPerCall) {
    for (;;) {
      const result = limiter.tryReserve({ tokens, nowMs });
      if (result.type === 'reserved') {
        started.push(result.reservation);
        break;
      }
      expect(result.waitMs).toBeGreaterThan(0);
      nowMs += result.waitMs;
    }
  }
  return started;
}

/** The most starts (or tokens) found in any window [t, t + 60 s) that begins at a start. */
function busiestWindow(
  starts: readonly RateReservation[],
  measure: (start: RateReservation) => number,
): number {
  return Math.max(
    ...starts.map((first) =>
      starts
        .filter((start) => start.startMs >= first.startMs && start.startMs < first.startMs + minuteMs)
        .reduce((sum, start) => sum + measure(start), 0),
    ),
  );
}

describe('createRateLimiter', () => {
  it('starts no more than N calls in any 60 s window, and as many as that allows', () => {
    const starts = startAll(createRateLimiter({ requestsPerMinute: 5 }), Array<number>(23).fill(1));
    expect(busiestWindow(starts, () => 1)).toBe(5);
    // 23 calls at 5 per minute: the last one starts in the fifth minute, not later.
    expect(starts.map((start) => start.startMs)).toEqual([
      ...Array<number>(5).fill(0),
      ...Array<number>(5).fill(minuteMs),
      ...Array<number>(5).fill(2 * minuteMs),
      ...Array<number>(5).fill(3 * minuteMs),
      ...Array<number>(3).fill(4 * minuteMs),
    ]);
  });

  it('keeps the tokens started in any 60 s window within the budget', () => {
    const tokens = [300, 500, 200, 700, 100, 400, 900, 50, 650, 300];
    const starts = startAll(createRateLimiter({ tokensPerMinute: 1000 }), tokens);
    expect(starts).toHaveLength(tokens.length);
    expect(busiestWindow(starts, (start) => start.tokens)).toBeLessThanOrEqual(1000);
    expect(starts.slice(0, 3).map((start) => start.startMs)).toEqual([0, 0, 0]);
    expect(starts[3]?.startMs).toBe(minuteMs);
  });

  it('lets a call bigger than the whole budget start once the window is empty', () => {
    const limiter = createRateLimiter({ tokensPerMinute: 100 });
    expect(limiter.tryReserve({ tokens: 50, nowMs: 0 }).type).toBe('reserved');
    expect(limiter.tryReserve({ tokens: 250, nowMs: 10 })).toEqual({ type: 'wait', waitMs: minuteMs - 10 });
    expect(limiter.tryReserve({ tokens: 250, nowMs: minuteMs }).type).toBe('reserved');
    expect(limiter.usage(minuteMs)).toEqual({ requests: 1, tokens: 250 });
  });

  it('replaces the estimate with the reported tokens', () => {
    const limiter = createRateLimiter({ tokensPerMinute: 1000 });
    const first = limiter.tryReserve({ tokens: 900, nowMs: 0 });
    if (first.type !== 'reserved') throw new Error('expected a reservation');
    expect(limiter.tryReserve({ tokens: 500, nowMs: 1 }).type).toBe('wait');
    // The call used 120 tokens, not the 900 estimated: the budget frees up at once.
    limiter.correct(first.reservation, 120);
    expect(first.reservation.tokens).toBe(120);
    expect(limiter.tryReserve({ tokens: 500, nowMs: 2 }).type).toBe('reserved');
    expect(limiter.usage(2)).toEqual({ requests: 2, tokens: 620 });
  });

  it('applies both limits together', () => {
    const limiter = createRateLimiter({ requestsPerMinute: 2, tokensPerMinute: 100 });
    expect(limiter.tryReserve({ tokens: 10, nowMs: 0 }).type).toBe('reserved');
    expect(limiter.tryReserve({ tokens: 10, nowMs: 5 }).type).toBe('reserved');
    expect(limiter.tryReserve({ tokens: 10, nowMs: 6 })).toEqual({ type: 'wait', waitMs: minuteMs - 6 });
  });

  it('refuses limits below 1', () => {
    expect(() => createRateLimiter({ requestsPerMinute: 0 })).toThrow(
      'requestsPerMinute: must be an integer ≥ 1',
    );
    expect(() => createRateLimiter({ tokensPerMinute: 1.5 })).toThrow(
      'tokensPerMinute: must be an integer ≥ 1',
    );
  });
});
