/** Anything with a case-insensitive `get(name)`, like the fetch `Headers` class. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Milliseconds the server asked us to wait, from `retry-after-ms` (milliseconds), else `retry-after`
 * (seconds, or an HTTP date). An HTTP date is measured from the response's own `date` header, so no local
 * clock is needed (and clock skew between us and the server does not matter); without a `date` header it is
 * ignored. Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfterMs(headers: HeaderReader | undefined): number | undefined {
  if (!headers) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const until = Date.parse(retryAfter);
  const sent = Date.parse(headers.get('date') ?? '');
  if (Number.isNaN(until) || Number.isNaN(sent)) return undefined;
  return Math.max(0, until - sent);
}
