import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../spec/errors.ts';
import type {
  FinishReason,
  GenerateRequest,
  LanguageModel,
  StreamPart,
  Usage,
} from '../../spec/language-model.ts';
import { splitStopSequences, StopScanner } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import { createOpenAIClient, displayUrl, type OpenAIEndpointOptions } from './openai-client.ts';
import { rejectsStreamOptions, toProviderError } from './openai-error.ts';

export type OpenAIChatModelOptions = OpenAIEndpointOptions;

/** OpenAI's API takes at most this many stop strings; the rest are applied on our side. */
export const openAIStopLimit = 4;

export const openAIFinishReasons: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
};

export function malformed(options: { provider: string; field: string; baseUrl: string }): ProviderError {
  return new ProviderError({
    provider: options.provider,
    message: `malformed response from ${options.baseUrl}: ${options.field}`,
    isRetryable: false,
  });
}

/** Maps an OpenAI `usage` object; fields the server did not report stay undefined. */
export function mapOpenAIUsage(usage: ChatCompletionChunk['usage'] | undefined): Usage {
  if (!usage || typeof usage !== 'object') return {};
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  return {
    inputTokens: number(usage.prompt_tokens),
    cachedInputTokens: number(usage.prompt_tokens_details?.cached_tokens),
    outputTokens: number(usage.completion_tokens),
    reasoningTokens: number(usage.completion_tokens_details?.reasoning_tokens),
  };
}

/**
 * A LanguageModel over an OpenAI-compatible chat-completions endpoint, through the official SDK with its
 * retries off (the runner retries). Always streams, to measure time to first token and the gaps between
 * chunks. At most 4 stop strings go to the server (OpenAI's limit); all are applied client-side too, and the
 * stream is dropped once one is seen. `assistantPrefix` cannot be prefilled on chat completions, so results
 * say `prefillApplied: false`. A stream that ends without a finish reason counts as cut off (retryable).
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): LanguageModel {
  const provider = options.provider ?? 'openai';
  const baseUrl = displayUrl(options.baseUrl);
  const client = createOpenAIClient(options);
  /** Cleared for good when the server rejects `stream_options` (old llama.cpp, Ollama). */
  let sendStreamOptions = true;

  function requestBody(request: GenerateRequest): ChatCompletionCreateParamsStreaming {
    const parameters = request.parameters;
    const body: ChatCompletionCreateParamsStreaming = {
      model: options.modelId,
      messages: request.messages.map((message) => ({
        role: message.role,
        content: message.content,
      })) as ChatCompletionMessageParam[],
      stream: true,
    };
    if (sendStreamOptions) body.stream_options = { include_usage: true };
    if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
    if (parameters.topP !== undefined) body.top_p = parameters.topP;
    if (parameters.maxTokens !== undefined) body.max_tokens = parameters.maxTokens;
    const stops = splitStopSequences(parameters.stop, { serverLimit: openAIStopLimit });
    if (stops.server) body.stop = stops.server;
    if (parameters.seed !== undefined) body.seed = parameters.seed;
    return body;
  }

  async function open(request: GenerateRequest, context: StreamContext) {
    const body = requestBody(request);
    context.exchange.request = body;
    const requestOptions = context.signal ? { signal: context.signal } : undefined;
    try {
      return await client.chat.completions.create(body, requestOptions);
    } catch (error) {
      if (!sendStreamOptions || !rejectsStreamOptions(error) || context.signal?.aborted) throw error;
      sendStreamOptions = false;
      const retried = requestBody(request);
      context.exchange.request = retried;
      return await client.chat.completions.create(retried, requestOptions);
    }
  }

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const stream = await open(request, context);
    const scanner = new StopScanner(splitStopSequences(request.parameters.stop, { serverLimit: 0 }).client);
    let finish: string | undefined;
    let usage: Usage = {};
    let responseId: string | undefined;
    let sawChoice = false;
    for await (const chunk of stream) {
      context.exchange.events.push(chunk);
      if (!chunk || typeof chunk !== 'object')
        throw malformed({ provider, field: 'chunk is not an object', baseUrl });
      const choices = chunk.choices as ChatCompletionChunk['choices'] | undefined;
      if (!Array.isArray(choices))
        throw malformed({ provider, field: 'chunk without a "choices" array', baseUrl });
      if (responseId === undefined && typeof chunk.id === 'string') responseId = chunk.id;
      if (chunk.usage) usage = mapOpenAIUsage(chunk.usage);
      const choice = choices[0];
      if (choice === undefined) continue;
      sawChoice = true;
      const content: unknown = choice.delta?.content;
      if (typeof content === 'string' && content.length > 0) {
        const { delta, stopped } = scanner.push(content);
        if (delta) yield { type: 'text-delta', text: delta, atMs: context.elapsedMs() };
        if (stopped) {
          // A stop string the server was not sent: the rest of the stream is not needed.
          finish = 'stop';
          break;
        }
      } else if (content !== undefined && content !== null && typeof content !== 'string') {
        throw malformed({ provider, field: '"choices[0].delta.content" is not a string', baseUrl });
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    // The SDK ends the iteration quietly when the request is aborted; the caller checks the deadline.
    if (context.signal?.aborted) return;
    if (!sawChoice) throw malformed({ provider, field: 'response has no "choices"', baseUrl });
    const rest = scanner.flush();
    if (rest) yield { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
    // No finish reason: the stream was cut before its end (streamingModel makes that a retryable error).
    if (finish === undefined) return;
    yield {
      type: 'finish',
      finishReason: openAIFinishReasons[finish] ?? 'other',
      usage,
      atMs: context.elapsedMs(),
      prefillApplied: false,
      ...(responseId === undefined ? {} : { responseId }),
    };
  }

  const streaming = streamingModel({
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: (error) => toProviderError(error, { baseUrl, apiKey: options.apiKey, provider }),
  });

  return {
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    generate: streaming.generate,
    stream: streaming.stream,
    async close(): Promise<void> {
      // The SDK keeps no resources of its own; sockets belong to the fetch implementation's pool.
    },
  };
}
