import { ProviderError, type ProviderErrorKind } from '../../spec/errors.ts';
import { parseRateLimitHeaders } from './rate-limit-headers.ts';
import { parseRetryAfterMs, type HeaderReader } from './retry-after.ts';

const maximumMessageLength = 300;

/** Whether an HTTP status means another attempt may succeed: 408, 409, 429 and 5xx (529 overloaded included). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Servers' wordings for a prompt that does not fit the context window, each from the server's source:
 * OpenAI and DeepSeek (`context_length_exceeded`, "maximum context length is N tokens"), vLLM
 * (serving_engine.py `_validate_input`: "This model's maximum context length is …", newer "… longer than the
 * maximum model length"), llama.cpp (tools/server: `exceed_context_size_error`, "exceeds the available context
 * size"), TGI (router/src/validation.rs: "`inputs` tokens + `max_new_tokens` must be <= N", "`inputs` must have
 * less than N tokens"), Anthropic ("prompt is too long"), Gemini ("input token count … exceeds the maximum").
 */
const contextLengthPattern =
  /context_length_exceeded|maximum context length|exceed_context_size|exceeds the available context size|longer than the maximum model length|`inputs` tokens \+ `max_new_tokens` must be <=|`inputs` must have less than|prompt is too long|input token count.*exceeds the maximum/i;

/** OpenAI's billing stop: a 429 whose code or message says `insufficient_quota` ("You exceeded your current quota"). */
const insufficientQuotaPattern = /insufficient_quota|exceeded your current quota/i;

/** What an error's status and text mean beyond the status (see ProviderErrorKind), when anything. */
export function providerErrorKind(options: {
  status: number | undefined;
  text: string;
}): ProviderErrorKind | undefined {
  const { status, text } = options;
  if ((status === undefined || status === 429 || status === 403) && insufficientQuotaPattern.test(text)) {
    return 'insufficient-quota';
  }
  if ((status === undefined || (status >= 400 && status < 500)) && contextLengthPattern.test(text)) {
    return 'context-length';
  }
  return undefined;
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
  /** Error codes from the body (`insufficient_quota`, `context_length_exceeded` …) to classify it by. */
  codes?: readonly (string | undefined | null)[];
  cause: unknown;
}): ProviderError {
  const clean = (text: string) => cleanProviderMessage(text, { apiKey: options.apiKey });
  const { provider, target, status, serverMessage, cause } = options;
  if (status !== undefined && status >= 400) {
    const kind = providerErrorKind({
      status,
      text: [serverMessage ?? '', ...(options.codes ?? [])].join(' '),
    });
    const rateLimit = parseRateLimitHeaders(options.headers);
    return new ProviderError({
      provider,
      message: clean(`HTTP ${status} from ${target}${serverMessage ? `: ${serverMessage}` : ''}`),
      statusCode: status,
      // A prompt too long or an account without credit gets the same answer every time.
      isRetryable: kind === undefined && isRetryableStatus(status),
      retryAfterMs: parseRetryAfterMs(options.headers) ?? options.retryAfterMs,
      ...(kind ? { kind } : {}),
      ...(rateLimit ? { rateLimit } : {}),
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
