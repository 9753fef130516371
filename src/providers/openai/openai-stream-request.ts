import type { GenerationParameters } from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';
import { displayUrl } from '../shared/display-url.ts';
import type { StreamContext, StreamingModelParts } from '../shared/streaming-model.ts';
import { createOpenAIClient, type OpenAIEndpointOptions } from './openai-client.ts';
import { rejectsStreamOptions, toProviderError } from './openai-error.ts';

/** OpenAI's API takes at most this many stop strings; the rest are applied on our side. */
export const openAIStopLimit = 4;

/**
 * The body fields both OpenAI streaming endpoints (chat and legacy completions) share: `stream_options` asking
 * for usage, then the sampling options the request sets (unset ones are left out), the first 4 stop strings.
 */
export function openAIStreamFields(parameters: GenerationParameters, options: { includeUsage: boolean }) {
  return {
    stream: true as const,
    ...(options.includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...definedFields({
      temperature: parameters.temperature,
      top_p: parameters.topP,
      max_tokens: parameters.maxTokens,
      stop: splitStopSequences(parameters.stop, { serverLimit: openAIStopLimit }).server,
      seed: parameters.seed,
    }),
  };
}

/**
 * Opens OpenAI streams, asking for usage (`stream_options`) until a server rejects it (old llama.cpp,
 * Ollama); from then on this model's requests go without it. The body sent is recorded in the exchange.
 */
export class StreamOptionsFallback {
  private includeUsage = true;

  async open<TBody, TStream>(options: {
    body: (fields: { includeUsage: boolean }) => TBody;
    create: (body: TBody, requestOptions: { signal: AbortSignal } | undefined) => Promise<TStream>;
    context: StreamContext;
  }): Promise<TStream> {
    const { context } = options;
    const requestOptions = context.signal ? { signal: context.signal } : undefined;
    const sentUsage = this.includeUsage;
    const body = options.body({ includeUsage: sentUsage });
    context.exchange.request = body;
    try {
      return await options.create(body, requestOptions);
    } catch (error) {
      // Decide on what this request sent: a concurrent request may already have turned the option off.
      if (!sentUsage || !rejectsStreamOptions(error) || context.signal?.aborted) throw error;
      this.includeUsage = false;
      const retried = options.body({ includeUsage: false });
      context.exchange.request = retried;
      return await options.create(retried, requestOptions);
    }
  }
}

/**
 * What the chat and the completions model of one OpenAI-compatible endpoint share: the SDK client, the
 * `stream_options` fallback, and all that `streamingModel` needs besides the stream itself.
 */
export function openAIStreamingEndpoint(options: OpenAIEndpointOptions) {
  const provider = options.provider ?? 'openai';
  const baseUrl = displayUrl(options.baseUrl);
  const streaming: Omit<StreamingModelParts, 'streamParts'> = {
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    toProviderError: (error) => toProviderError(error, { baseUrl, apiKey: options.apiKey, provider }),
  };
  return {
    provider,
    baseUrl,
    client: createOpenAIClient(options),
    opener: new StreamOptionsFallback(),
    streaming,
  };
}
