import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ProviderError } from '../../spec/errors.ts';
import type { FinishReason, Usage } from '../../spec/language-model.ts';
import { finiteNumber } from '../shared/finite-number.ts';
import type { EventReading } from '../shared/parts-from-events.ts';

export const openAIFinishReasons: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  // TGI's own names (router/src/lib.rs FinishReason): it maps only eos_token to "stop" on its OpenAI route.
  stop_sequence: 'stop',
  eos_token: 'stop',
};

/**
 * A response that does not have the documented shape: not retryable by default (another attempt gets the
 * same), retryable when the stream had good chunks before (it was mangled on the way).
 */
export function malformed(options: {
  provider: string;
  field: string;
  baseUrl: string;
  isRetryable?: boolean;
}): ProviderError {
  return new ProviderError({
    provider: options.provider,
    message: `malformed response from ${options.baseUrl}: ${options.field}`,
    isRetryable: options.isRetryable ?? false,
  });
}

/** Maps an OpenAI `usage` object; fields the server did not report stay undefined. */
export function mapOpenAIUsage(usage: ChatCompletionChunk['usage'] | undefined): Usage {
  const fields = usage && typeof usage === 'object' ? usage : undefined;
  return {
    inputTokens: finiteNumber(fields?.prompt_tokens),
    // DeepSeek reports cache hits as `prompt_cache_hit_tokens` (api-docs.deepseek.com, guides/kv_cache).
    cachedInputTokens:
      finiteNumber(fields?.prompt_tokens_details?.cached_tokens) ??
      finiteNumber((fields as Record<string, unknown> | undefined)?.prompt_cache_hit_tokens),
    outputTokens: finiteNumber(fields?.completion_tokens),
    reasoningTokens: finiteNumber(fields?.completion_tokens_details?.reasoning_tokens),
  };
}

/**
 * Whether a chunk's usage is a placeholder: all counts 0 on a chunk that carries a choice. Ollama sends
 * `usage: {0, 0, 0}` on every completions chunk when asked for usage (middleware/openai.go, CompleteWriter:
 * `c.Usage = &openai.Usage{}`) and the real counts only in the last chunk, whose `choices` is empty.
 */
function isPlaceholderUsage(chunk: { usage?: unknown; choices?: unknown }): boolean {
  if (!Array.isArray(chunk.choices) || chunk.choices.length === 0) return false;
  const usage = chunk.usage as Record<string, unknown>;
  return ['prompt_tokens', 'completion_tokens', 'total_tokens'].every(
    (field) => usage[field] === undefined || usage[field] === 0,
  );
}

/** The parts of a chunk both OpenAI streaming endpoints share: its id and usage (the last chunk's). */
export function readOpenAIChunkHeader(chunk: {
  id?: unknown;
  usage?: unknown;
  choices?: unknown;
}): EventReading {
  const usage =
    chunk.usage && typeof chunk.usage === 'object' && !isPlaceholderUsage(chunk)
      ? mapOpenAIUsage(chunk.usage as ChatCompletionChunk['usage'])
      : undefined;
  return { responseId: typeof chunk.id === 'string' ? chunk.id : undefined, usage };
}
