/** HTTP statuses that mean "too much traffic": 429 (rate limit; Gemini's RESOURCE_EXHAUSTED), 503, 529 (Anthropic's overloaded_error). */
export const overloadStatusCodes: ReadonlySet<number> = new Set([429, 503, 529]);

/** Error names that say the same without a status (an `error` event inside a stream, a gRPC-style status). */
const overloadPattern = /overloaded_error|resource_exhausted|\boverloaded\b/i;

/**
 * Whether a failed call says the server is overloaded or rate-limited, so fewer calls should be in flight:
 * a ProviderError `statusCode` of 429, 503 or 529, or a message naming `overloaded_error` or
 * `RESOURCE_EXHAUSTED`. Timeouts, connection errors and other statuses are not overload.
 */
export function isOverloadError(error: Error): boolean {
  const statusCode = 'statusCode' in error ? error.statusCode : undefined;
  if (typeof statusCode === 'number' && overloadStatusCodes.has(statusCode)) return true;
  return overloadPattern.test(error.message);
}
