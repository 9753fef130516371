import { APIConnectionError, APIError, OpenAIError } from 'openai';
import { ProviderError } from '../../spec/errors.ts';
import {
  cleanProviderMessage,
  httpProviderError,
  isRetryableStatus,
  providerErrorKind,
} from '../shared/provider-error-mapping.ts';

/** The HTTP status an in-stream error event stands for, when it names one. */
function streamErrorStatus(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const value of [record.http_status_code, record.code, record.status]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value < 600) return value;
  }
  return undefined;
}

/**
 * The server's own error message from an OpenAI-style error body (`{ error: { message } }` or `{ message }`),
 * TGI's `{ error: "…" }`, or a body that was not JSON at all (TGI's and axum's plain-text 422s, proxies'
 * HTML pages), which the SDK keeps only in its message after the status.
 */
function serverMessage(error: APIError): string | undefined {
  const body: unknown = error.error;
  if (body === undefined || body === null) {
    const text = error.message.replace(/^\d{3}\s+/, '');
    return text === '' || /status code \(no body\)$/.test(text) ? undefined : text;
  }
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.message === 'string') return record.message;
    const nested = record.error;
    if (
      nested &&
      typeof nested === 'object' &&
      typeof (nested as Record<string, unknown>).message === 'string'
    ) {
      return (nested as Record<string, unknown>).message as string;
    }
    if (typeof nested === 'string') return nested;
  }
  return undefined;
}

/** Whether a 400 says the server does not understand `stream_options` (old llama.cpp, Ollama). */
export function rejectsStreamOptions(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status !== 400) return false;
  const text = `${serverMessage(error) ?? ''} ${error.param ?? ''} ${JSON.stringify(error.error ?? '')}`;
  return /stream_options/i.test(text);
}

/**
 * Maps whatever the SDK or the stream threw to a ProviderError. The message is one line with the status,
 * the server's message and the base URL; the API key is never part of it.
 */
export function toProviderError(
  error: unknown,
  options: { baseUrl: string; apiKey: string | undefined; provider?: string },
): ProviderError {
  if (error instanceof ProviderError) return error;
  const provider = options.provider ?? 'openai';
  const clean = (text: string) => cleanProviderMessage(text, options);
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? (error.cause.cause ?? error.cause) : undefined;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return new ProviderError({
      provider,
      message: clean(`cannot connect to ${options.baseUrl}${detail}`),
      isRetryable: true,
      cause: error,
    });
  }
  const mapping = { provider, target: options.baseUrl, apiKey: options.apiKey, cause: error };
  if (error instanceof APIError) {
    const message = serverMessage(error);
    if (error.status === undefined) {
      // An `error` event inside a stream that had started fine. TGI says which status it stands for
      // (router/src/infer/mod.rs `into_openai_event`: `http_status_code`), vLLM puts it in `code`
      // (serving_engine.py `create_streaming_error_response`); without one it is a server-side failure.
      const status = streamErrorStatus(error.error);
      const text = `${message ?? ''} ${String(error.code ?? '')} ${String(error.type ?? '')}`;
      const kind = providerErrorKind({ status, text });
      return new ProviderError({
        provider,
        message: clean(`stream error from ${options.baseUrl}: ${message ?? 'no message'}`),
        isRetryable: kind === undefined && (status === undefined || isRetryableStatus(status)),
        ...(status === undefined ? {} : { statusCode: status }),
        ...(kind ? { kind } : {}),
        cause: error,
      });
    }
    return httpProviderError({
      ...mapping,
      status: error.status,
      serverMessage: message,
      headers: error.headers,
      codes: [error.code, error.type],
    });
  }
  if (error instanceof SyntaxError) {
    // Invalid JSON is a transport fault (a proxy or server cut or mangled the body): another attempt may work.
    return httpProviderError({ ...mapping, status: undefined, serverMessage: undefined });
  }
  // A connection cut while reading the body ("terminated", ECONNRESET) may work on another attempt.
  let text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.cause instanceof Error) text += ` (${error.cause.message})`;
  return new ProviderError({
    provider,
    message: clean(`request to ${options.baseUrl} failed while streaming: ${text}`),
    isRetryable: !(error instanceof OpenAIError),
    cause: error,
  });
}
