import { ProviderError } from '../../spec/errors.ts';
import { parseRetryAfterMs, type HeaderReader } from './retry-after.ts';

const maximumMessageLength = 300;

/** Whether an HTTP status means another attempt may succeed: 408, 409, 429 and 5xx (529 overloaded included). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** One line, no secret, bounded length. */
export function cleanProviderMessage(text: string, options: { apiKey: string | undefined }): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (options.apiKey && options.apiKey.length >= 4) line = line.split(options.apiKey).join('***');
  return line.length > maximumMessageLength ? `${line.slice(0, maximumMessageLength)}…` : line;
}

/**
 * The ProviderError for a failed call: an HTTP status (with the server's message and Retry-After), a
 * malformed JSON body (retryable: a transport fault), or a connection error (retryable).
 */
export function httpProviderError(options: {
  provider: string;
  target: string;
  apiKey: string | undefined;
  status: number | undefined;
  serverMessage: string | undefined;
  headers?: HeaderReader | undefined;
  /** The wait the error body asked for (Gemini's RetryInfo), used when there is no Retry-After header. */
  retryAfterMs?: number | undefined;
  cause: unknown;
}): ProviderError {
  const clean = (text: string) => cleanProviderMessage(text, { apiKey: options.apiKey });
  const { provider, target, status, serverMessage, cause } = options;
  if (status !== undefined && status >= 400) {
    return new ProviderError({
      provider,
      message: clean(`HTTP ${status} from ${target}${serverMessage ? `: ${serverMessage}` : ''}`),
      statusCode: status,
      isRetryable: isRetryableStatus(status),
      retryAfterMs: parseRetryAfterMs(options.headers) ?? options.retryAfterMs,
      cause,
    });
  }
  if (cause instanceof SyntaxError) {
    return new ProviderError({
      provider,
      message: clean(`malformed JSON from ${target}: ${cause.message}`),
      isRetryable: true,
      cause,
    });
  }
  let text = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof Error && cause.cause instanceof Error) text += ` (${cause.cause.message})`;
  return new ProviderError({
    provider,
    message: clean(`request to ${target} failed: ${serverMessage ?? text}`),
    isRetryable: true,
    retryAfterMs: options.retryAfterMs,
    cause,
  });
}
