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
};

/** A response that does not have the documented shape: not retryable (another attempt gets the same). */
export function malformed(options: { provider: string; field: string; baseUrl: string }): ProviderError {
  return new ProviderError({
    provider: options.provider,
    message: `malformed response from ${options.baseUrl}: ${options.field}`,
    isRetryable: false,
  });
}

/** Maps an OpenAI `usage` object; fields the server did not report stay undefined. */
export function mapOpenAIUsage(usage: ChatCompletionChunk['usage'] | undefined): Usage {
  const fields = usage && typeof usage === 'object' ? usage : undefined;
  return {
    inputTokens: finiteNumber(fields?.prompt_tokens),
    cachedInputTokens: finiteNumber(fields?.prompt_tokens_details?.cached_tokens),
    outputTokens: finiteNumber(fields?.completion_tokens),
    reasoningTokens: finiteNumber(fields?.completion_tokens_details?.reasoning_tokens),
  };
}

/** The parts of a chunk both OpenAI streaming endpoints share: its id and usage (the last chunk's). */
export function readOpenAIChunkHeader(chunk: { id?: unknown; usage?: unknown }): EventReading {
  return {
    responseId: typeof chunk.id === 'string' ? chunk.id : undefined,
    usage: chunk.usage ? mapOpenAIUsage(chunk.usage as ChatCompletionChunk['usage']) : undefined,
  };
}
