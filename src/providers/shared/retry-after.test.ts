import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after.ts';

const headers = (values: Record<string, string>) => new Headers(values);

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date measured from the date header', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfterMs(headers({ 'retry-after': '1.5' }))).toBe(1500);
    expect(
      parseRetryAfterMs(
        headers({ date: 'Wed, 01 Jan 2025 00:00:00 GMT', 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }),
      ),
    ).toBe(10_000);
  });

  it('is undefined when absent, unreadable, negative or a date without a reference', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs(headers({}))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': '-3' }))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }))).toBeUndefined();
  });
});
