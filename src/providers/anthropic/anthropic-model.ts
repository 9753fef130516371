import type Anthropic from '@anthropic-ai/sdk';
import type * as AnthropicSdk from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsStreaming,
  MessageParam,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { ProviderError } from '../../spec/errors.ts';
import type { FinishReason, GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { displayUrl } from '../shared/display-url.ts';
import { finiteNumber } from '../shared/finite-number.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';

export interface AnthropicModelOptions {
  /** Default https://api.anthropic.com. */
  readonly baseUrl?: string;
  readonly apiKey: string;
  readonly modelId: string;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
  /** `max_tokens` when the request sets none (the Messages API requires one). Default 4096. */
  readonly defaultMaxTokens?: number;
}

export const anthropicBaseUrl = 'https://api.anthropic.com';
const provider = 'anthropic';

const stopReasons: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

/**
 * The SDK's types no longer list `temperature` and `top_p` (recent models fix them), but the API still takes
 * them for the models that allow sampling control; they are sent only when the request sets them.
 */
export type AnthropicRequestBody = MessageCreateParamsStreaming & { temperature?: number; top_p?: number };

/** Messages API body: system messages joined into `system`; the assistant prefix as a trailing assistant turn. */
export function anthropicRequestBody(
  request: GenerateRequest,
  options: { modelId: string; defaultMaxTokens: number },
): AnthropicRequestBody {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content);
  const messages: MessageParam[] = request.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content }));
  // The API rejects a final assistant turn that ends in whitespace; the prefix is sent without it.
  const prefix = request.assistantPrefix?.trimEnd();
  if (prefix) messages.push({ role: 'assistant', content: prefix });
  const parameters = request.parameters;
  return {
    model: options.modelId,
    max_tokens: parameters.maxTokens ?? options.defaultMaxTokens,
    messages,
    stream: true,
    ...definedFields({
      system: system.length > 0 ? system.join('\n\n') : undefined,
      temperature: parameters.temperature,
      top_p: parameters.topP,
      stop_sequences: splitStopSequences(parameters.stop, { serverLimit: Number.POSITIVE_INFINITY }).server,
    }),
  };
}

/** What one Messages API stream event carries; `message_stop` is the end of the stream. */
function readAnthropicEvent(event: RawMessageStreamEvent): EventReading {
  if (event.type === 'message_start') {
    const start = event.message.usage;
    return {
      responseId: event.message.id,
      usage: {
        inputTokens: finiteNumber(start.input_tokens),
        cachedInputTokens: finiteNumber(start.cache_read_input_tokens),
      },
    };
  }
  if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
    return { texts: [event.delta.text] };
  }
  if (event.type === 'message_delta') {
    const inputTokens = finiteNumber(event.usage.input_tokens);
    return {
      finishReason: event.delta.stop_reason,
      usage: {
        outputTokens: finiteNumber(event.usage.output_tokens),
        ...(inputTokens === undefined ? {} : { inputTokens }),
      },
    };
  }
  return { isLast: event.type === 'message_stop' };
}

/**
 * A LanguageModel over Anthropic's Messages API through the official SDK (retries off; the runner retries).
 * Streams; system prompt kept separate; `assistantPrefix` prefilled as a trailing assistant turn
 * (`prefillApplied: true`, `text` is the continuation); `seed` is not supported by the API and not sent.
 * Usage: input, cached input (`cache_read_input_tokens`), output; reasoning tokens are not reported.
 */
export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  const baseUrl = displayUrl(options.baseUrl ?? anthropicBaseUrl);
  // The SDK is loaded on first use: importing it costs start-up time and memory for every other command.
  let sdk: typeof AnthropicSdk | undefined;
  let client: Anthropic | undefined;
  async function loadClient(): Promise<Anthropic> {
    sdk ??= await import('@anthropic-ai/sdk');
    client ??= new sdk.default({
      apiKey: options.apiKey,
      authToken: null,
      baseURL: options.baseUrl ?? anthropicBaseUrl,
      maxRetries: 0,
      logLevel: 'off',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return client;
  }
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const body = anthropicRequestBody(request, { modelId: options.modelId, defaultMaxTokens });
    context.exchange.request = body;
    const stream = await (
      await loadClient()
    ).messages.create(body, context.signal ? { signal: context.signal } : undefined);
    yield* partsFromEvents({
      events: stream as AsyncIterable<RawMessageStreamEvent>,
      context,
      stop: request.parameters.stop,
      read: readAnthropicEvent,
      finishReasons: stopReasons,
      stopSequenceReason: 'stop_sequence',
      prefillApplied: Boolean(request.assistantPrefix?.trimEnd()),
    });
  }

  function toError(error: unknown): Error {
    if (error instanceof ProviderError) return error;
    const mapping = { provider, target: baseUrl, apiKey: options.apiKey, cause: error };
    if (!sdk || !(error instanceof sdk.APIError)) {
      return httpProviderError({ ...mapping, status: undefined, serverMessage: undefined });
    }
    const body = error.error as { error?: { message?: unknown } } | undefined;
    const serverMessage =
      typeof body?.error?.message === 'string' ? body.error.message : (error.apiMessage ?? undefined);
    return httpProviderError({
      ...mapping,
      // An `error` event inside a stream has no status: like an overloaded server (retryable).
      status: error.status ?? 529,
      serverMessage: serverMessage ?? undefined,
      headers: error.headers,
    });
  }

  return streamingModel({
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: toError,
  });
}
