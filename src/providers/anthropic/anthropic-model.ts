import Anthropic, { APIError } from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsStreaming,
  MessageParam,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { ProviderError } from '../../spec/errors.ts';
import type {
  FinishReason,
  GenerateRequest,
  LanguageModel,
  StreamPart,
  Usage,
} from '../../spec/language-model.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { splitStopSequences, StopScanner } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import { displayUrl } from '../openai/openai-client.ts';

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

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

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
  const body: AnthropicRequestBody = {
    model: options.modelId,
    max_tokens: parameters.maxTokens ?? options.defaultMaxTokens,
    messages,
    stream: true,
  };
  if (system.length > 0) body.system = system.join('\n\n');
  if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
  if (parameters.topP !== undefined) body.top_p = parameters.topP;
  const stops = splitStopSequences(parameters.stop, { serverLimit: Number.POSITIVE_INFINITY });
  if (stops.server) body.stop_sequences = stops.server;
  return body;
}

/**
 * A LanguageModel over Anthropic's Messages API through the official SDK (retries off; the runner retries).
 * Streams; system prompt kept separate; `assistantPrefix` prefilled as a trailing assistant turn
 * (`prefillApplied: true`, `text` is the continuation); `seed` is not supported by the API and not sent.
 * Usage: input, cached input (`cache_read_input_tokens`), output; reasoning tokens are not reported.
 */
export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  const baseUrl = displayUrl(options.baseUrl ?? anthropicBaseUrl);
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseUrl ?? anthropicBaseUrl,
    maxRetries: 0,
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const body = anthropicRequestBody(request, { modelId: options.modelId, defaultMaxTokens });
    context.exchange.request = body;
    const stream = await client.messages.create(
      body,
      context.signal ? { signal: context.signal } : undefined,
    );
    const scanner = new StopScanner(splitStopSequences(request.parameters.stop, { serverLimit: 0 }).client);
    let usage: Usage = {};
    let stopReason: string | undefined;
    let responseId: string | undefined;
    let stopped = false;
    for await (const event of stream as AsyncIterable<RawMessageStreamEvent>) {
      context.exchange.events.push(event);
      if (event.type === 'message_start') {
        responseId = event.message.id;
        const start = event.message.usage;
        usage = {
          inputTokens: number(start.input_tokens),
          cachedInputTokens: number(start.cache_read_input_tokens),
        };
      } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        const pushed = scanner.push(event.delta.text);
        if (pushed.delta) yield { type: 'text-delta', text: pushed.delta, atMs: context.elapsedMs() };
        if (pushed.stopped) {
          stopped = true;
          stopReason = 'stop_sequence';
          break;
        }
      } else if (event.type === 'message_delta') {
        if (event.delta.stop_reason) stopReason = event.delta.stop_reason;
        usage = { ...usage, outputTokens: number(event.usage.output_tokens) };
        const input = number(event.usage.input_tokens);
        if (input !== undefined) usage = { ...usage, inputTokens: input };
      } else if (event.type === 'message_stop') {
        break;
      }
    }
    if (context.signal?.aborted) return;
    const rest = scanner.flush();
    if (rest) yield { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
    if (stopReason === undefined && !stopped) return;
    yield {
      type: 'finish',
      finishReason: stopReasons[stopReason ?? ''] ?? 'other',
      usage,
      atMs: context.elapsedMs(),
      prefillApplied: Boolean(request.assistantPrefix?.trimEnd()),
      ...(responseId === undefined ? {} : { responseId }),
    };
  }

  function toError(error: unknown): Error {
    if (error instanceof ProviderError) return error;
    if (error instanceof APIError) {
      const body = error.error as { error?: { message?: unknown } } | undefined;
      const serverMessage =
        typeof body?.error?.message === 'string' ? body.error.message : (error.apiMessage ?? undefined);
      return httpProviderError({
        provider,
        target: baseUrl,
        apiKey: options.apiKey,
        // An `error` event inside a stream has no status: like an overloaded server (retryable).
        status: error.status ?? 529,
        serverMessage: serverMessage ?? undefined,
        headers: error.headers,
        cause: error,
      });
    }
    return httpProviderError({
      provider,
      target: baseUrl,
      apiKey: options.apiKey,
      status: undefined,
      serverMessage: undefined,
      cause: error,
    });
  }

  const identity = { provider, endpoint: baseUrl, modelId: options.modelId };
  const streaming = streamingModel({
    identity,
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: toError,
  });
  return { identity, generate: streaming.generate, stream: streaming.stream, async close() {} };
}
