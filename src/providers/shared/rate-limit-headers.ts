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
  const state: Record<string, number | undefined> = {
    limitRequests: count(headers.get('x-ratelimit-limit-requests')),
    limitTokens: count(headers.get('x-ratelimit-limit-tokens')),
    remainingRequests: count(headers.get('x-ratelimit-remaining-requests')),
    remainingTokens: count(headers.get('x-ratelimit-remaining-tokens')),
    resetRequestsMs: parseResetDurationMs(headers.get('x-ratelimit-reset-requests')),
    resetTokensMs: parseResetDurationMs(headers.get('x-ratelimit-reset-tokens')),
  };
  const present = Object.entries(state).filter(([, value]) => value !== undefined);
  return present.length === 0 ? undefined : (Object.fromEntries(present) as RateLimitState);
}
