import { describe, expect, it } from 'vitest';
import { createLearnedRate } from './learned-rate.ts';

/** Start times the limiter lets through between 0 and `untilMs`, asking every millisecond. */
function startsUntil(rate: ReturnType<typeof createLearnedRate>, fromMs: number, untilMs: number): number[] {
  const starts: number[] = [];
  for (let now = fromMs; now < untilMs; now += 1) if (rate.reserve(now) === 0) starts.push(now);
  return starts;
}

describe('createLearnedRate', () => {
  it('limits nothing until the server says something', () => {
    const rate = createLearnedRate();
    expect(startsUntil(rate, 0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(rate.requestsPerSecond).toBeUndefined();
  });

  it("paces at OpenAI's refill rate from x-ratelimit headers, a little below it", () => {
    const rate = createLearnedRate();
    // 60 a minute: 10 used, full again in 10 s → 1 per second.
    rate.observe({
      nowMs: 0,
      refused: false,
      rateLimit: { limitRequests: 60, remainingRequests: 50, resetRequestsMs: 10_000 },
    });
    expect(rate.requestsPerSecond).toBeCloseTo(0.97, 5);
    const starts = startsUntil(rate, 0, 5000);
    expect(starts).toHaveLength(5);
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThan(4000);
  });

  it('holds every start for Retry-After, and learns no rate from a refusal without headers', () => {
    const rate = createLearnedRate();
    rate.observe({ nowMs: 2000, refused: true, retryAfterMs: 500 });
    expect(rate.reserve(2100)).toBe(400);
    expect(rate.reserve(2500)).toBe(0);
    expect(rate.requestsPerSecond).toBeUndefined();
  });
});
