import type { StreamContext } from './streaming-model.ts';
import type { StreamPart } from '../../spec/language-model.ts';

/**
 * The server's message when it refused a request's response schema: an HTTP 400 or 422 (SDK errors carry
 * `status`; Gemini's `ApiError` too) whose message names the response format, the schema or a grammar (OpenAI
 * "Invalid schema for response_format …", Anthropic `output_config.format` errors, Gemini `responseJsonSchema`,
 * vLLM/llama.cpp grammar errors). Undefined for any other failure, which stays an error.
 */
export function schemaRefusalMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, message, param } = error as {
    status?: unknown;
    statusCode?: unknown;
    message?: unknown;
    param?: unknown;
  };
  // SDK errors carry `status`; parity's ProviderError `statusCode`.
  const code = status ?? statusCode;
  if (code !== 400 && code !== 422) return undefined;
  const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').slice(0, 300) : '';
  if (param === 'response_format' || /response_format|output_config|json_schema|schema|grammar/i.test(text)) {
    return text;
  }
  return undefined;
}

/**
 * What a provider yields when the endpoint refused the response schema: no text, finish reason 'error' (scored
 * as a schema refusal, docs/decisions/0152), the server's message kept in the raw exchange.
 */
export function schemaRefusalParts(message: string, context: StreamContext): StreamPart[] {
  context.exchange.response = { error: message };
  return [
    { type: 'finish', finishReason: 'error', usage: {}, atMs: context.elapsedMs(), prefillApplied: false },
  ];
}
