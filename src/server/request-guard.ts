import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostHeaderName, isLoopbackHost } from './view/loopback-host.ts';

export interface RequestGuardOptions {
  /** The address the server is bound to: on loopback, Host headers must name this machine. */
  readonly boundHost: string;
  /** Origins (scheme://host[:port]) whose browser pages may call the server (`--cors`). Default none. */
  readonly allowedOrigins?: readonly string[];
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
}

/** Why a request is refused, as an HTTP status and a message; undefined when it may proceed. */
export interface Refusal {
  readonly status: 401 | 403 | 421;
  readonly message: string;
  readonly type: string;
}

/**
 * The checks `parity serve` applies to every request before reading its body:
 * - bound to loopback, a Host header that does not name this machine is refused with 421 (DNS rebinding: a page
 *   on another site resolving its own name to 127.0.0.1);
 * - a browser request from another origin (it carries `Origin`) is refused with 403 unless the origin was allowed
 *   with --cors (a cross-site page could otherwise POST prompts to the model, simple requests need no preflight);
 * - with an API key, a request without `Authorization: Bearer <key>` is refused with 401.
 */
export function checkRequest(request: IncomingMessage, options: RequestGuardOptions): Refusal | undefined {
  if (isLoopbackHost(options.boundHost)) {
    const hostName = hostHeaderName(request.headers.host ?? '').toLowerCase();
    const allowed = hostName === options.boundHost.toLowerCase() || isLoopbackHost(hostName);
    if (!allowed) return { status: 421, message: 'unexpected Host header', type: 'invalid_request_error' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !(options.allowedOrigins ?? []).includes(origin)) {
    return {
      status: 403,
      message: `cross-origin requests from ${origin} are refused (allow an origin with --cors)`,
      type: 'invalid_request_error',
    };
  }
  if (options.apiKey !== undefined && request.method !== 'OPTIONS') {
    const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    if (!sameSecret(given, options.apiKey)) {
      return { status: 401, message: 'missing or wrong API key', type: 'authentication_error' };
    }
  }
  return undefined;
}

/** Compares in time independent of where the strings differ. */
function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** CORS response headers for an allowed origin (none for requests without Origin). */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
