import type { RateLimitState } from '../../spec/errors.ts';
import type { HeaderReader } from './retry-after.ts';

const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * A reset time as OpenAI writes it in `x-ratelimit-reset-*`: a Go-style duration ("1s", "6m0s", "20ms",
 * "1h2m3.5s") or a bare number of seconds. Undefined when unreadable.
 */
export function parseResetDurationMs(text: string | null): number | undefined {
  if (text === null) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? Number.NaN);
    matched += match[0].length;
  }
  return matched === trimmed.length && Number.isFinite(total) ? total : undefined;
}

function count(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The `x-ratelimit-*` headers OpenAI (and Groq, Together, DeepSeek …) send on every response
 * (platform.openai.com/docs/guides/rate-limits, "Rate limits in headers"): limit, remaining and reset of the
 * request and token budgets. Undefined when none of them is present.
 */
export function parseRateLimitHeaders(headers: HeaderReader | undefined): RateLimitState | undefined {
  if (!headers) return undefined;
  // Most servers send none of these: nothing is built then (this runs once per response; issue #15).
  let state: Record<string, number> | undefined;
  for (const [field, header, read] of rateLimitFields) {
    const value = read(headers.get(header));
    if (value !== undefined) (state ??= {})[field] = value;
  }
  return state as RateLimitState | undefined;
}

/** Each RateLimitState field, the header it comes from, and how its value is read. */
const rateLimitFields: ReadonlyArray<
  readonly [keyof RateLimitState, string, (text: string | null) => number | undefined]
> = [
  ['limitRequests', 'x-ratelimit-limit-requests', count],
  ['limitTokens', 'x-ratelimit-limit-tokens', count],
  ['remainingRequests', 'x-ratelimit-remaining-requests', count],
  ['remainingTokens', 'x-ratelimit-remaining-tokens', count],
  ['resetRequestsMs', 'x-ratelimit-reset-requests', parseResetDurationMs],
  ['resetTokensMs', 'x-ratelimit-reset-tokens', parseResetDurationMs],
];
