import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, parseResetDurationMs } from './rate-limit-headers.ts';

describe('parseResetDurationMs', () => {
  it('reads Go-style durations and bare seconds', () => {
    expect(parseResetDurationMs('1s')).toBe(1000);
    expect(parseResetDurationMs('6m0s')).toBe(360_000);
    expect(parseResetDurationMs('20ms')).toBe(20);
    expect(parseResetDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetDurationMs('2.5')).toBe(2500);
  });
  it('gives undefined for anything else', () => {
    for (const text of [null, '', 'soon', '1x', '5s later'])
      expect(parseResetDurationMs(text)).toBeUndefined();
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads the request and token budgets OpenAI sends on every response', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limitRequests: 60,
      limitTokens: 150_000,
      remainingRequests: 59,
      remainingTokens: 149_984,
      resetRequestsMs: 1000,
      resetTokensMs: 360_000,
    });
  });
  it('is undefined without such headers and leaves unreadable ones out', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'text/plain' }))).toBeUndefined();
    expect(parseRateLimitHeaders(undefined)).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        new Headers({ 'x-ratelimit-remaining-requests': 'many', 'x-ratelimit-reset-requests': '2s' }),
      ),
    ).toEqual({ resetRequestsMs: 2000 });
  });
});
