import type Anthropic from '@anthropic-ai/sdk';
import type * as AnthropicSdk from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsStreaming,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { ProviderError } from '../../spec/errors.ts';
import { encodeToolCalls, type ToolCall } from '../../spec/tool-calls.ts';
import type { FinishReason, GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { displayUrl } from '../shared/display-url.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { probeChatFeatures } from '../shared/probe-chat-features.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import { anthropicFixedParameters, anthropicRequestBody, wantsPrefill } from './anthropic-request-body.ts';
import { AnthropicUsageAccumulator } from './anthropic-usage.ts';
import { schemaRefusalMessage, schemaRefusalParts } from '../shared/schema-refusal.ts';

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

/** What the API documentation says and no probe request tests (also the provider's registry entry). */
export const anthropicDocumentedCapabilities = {
  completions: false,
  logLikelihood: false,
  jsonSchemaOutput: true,
  seed: false,
} as const;

const provider = 'anthropic';

const stopReasons: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  pause_turn: 'other',
  refusal: 'content-filter',
};

/**
 * A stream reader for one request: text deltas (thinking deltas are not answer text), usage, stop reason, and
 * client tool calls. A `tool_use` block opens with `content_block_start` (name, `input: {}`) and its input
 * arrives as `input_json_delta` `partial_json` pieces (docs.anthropic.com, "Streaming Messages", "Input JSON
 * delta"; `RawContentBlockStartEvent`, `InputJSONDelta` in the SDK's messages.d.ts). With the stop reason
 * (`message_delta`) the calls are appended to the text as `{"tool_calls":[…]}` (spec/tool-calls.ts, decision
 * 0156), in block order, the input kept as the JSON text the server sent.
 */
function anthropicEventReader(): (event: RawMessageStreamEvent) => EventReading {
  const usage = new AnthropicUsageAccumulator();
  const toolUses = new Map<number, { name: string; arguments: string }>();
  return (event) => {
    if (event.type === 'message_start') {
      return { responseId: event.message.id, usage: usage.add(event.message.usage) };
    }
    if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
      toolUses.set(event.index, { name: event.content_block.name, arguments: '' });
      return {};
    }
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      return { texts: [event.delta.text] };
    }
    if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
      const call = toolUses.get(event.index);
      if (call) call.arguments += event.delta.partial_json;
      return {};
    }
    if (event.type === 'message_delta') {
      const calls: ToolCall[] = [...toolUses]
        .sort(([a], [b]) => a - b)
        // A tool without parameters may get no input_json_delta at all: its input is the block's `{}`.
        .map(([, call]) => ({
          name: call.name,
          arguments: call.arguments.trim() === '' ? '{}' : call.arguments,
        }));
      toolUses.clear();
      return {
        finishReason: event.delta.stop_reason,
        usage: usage.add(event.usage),
        ...(calls.length > 0 ? { texts: [encodeToolCalls(calls)] } : {}),
      };
    }
    return { isLast: event.type === 'message_stop' };
  };
}

/** The 400 a model that cannot prefill gives for a trailing assistant turn ("Prefilling … is not supported"). */
function isPrefillRefusal(error: unknown, sdk: typeof AnthropicSdk | undefined): boolean {
  if (!sdk || !(error instanceof sdk.APIError) || error.status !== 400) return false;
  return /prefill/i.test(error.message);
}

/**
 * A LanguageModel over Anthropic's Messages API through the official SDK (retries off; the runner retries),
 * sending only what the SDK's API version (`anthropic-version: 2026-10-21`) defines:
 * - no `temperature`/`top_p`/`top_k`/`seed` (`fixedParameters`: the model's own sampling applies);
 * - `assistantPrefix` prefilled as a trailing assistant turn (`prefillApplied: true`, `text` is the
 *   continuation); a model that refuses prefill (400 "Prefilling assistant messages is not supported") gets the
 *   same request without it at once, and every later request too (`prefillApplied: false`);
 * - whitespace-only stop strings applied on our side only; `reasoningAllowanceTokens` as extended thinking.
 * Usage: the whole prompt (cache reads and writes included), cache reads, cache writes, output (thinking
 * included) and thinking tokens. Requests go through the client's `post`, not `messages.create`, whose
 * per-request `console.warn` deprecation notices would be printed once per item.
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
  /** False once the model refused a prefilled turn: later requests are sent in the no-prefill form at once. */
  let prefillAccepted = true;

  async function send(
    body: MessageCreateParamsStreaming,
    context: StreamContext,
  ): Promise<AsyncIterable<RawMessageStreamEvent>> {
    context.exchange.request = body;
    const stream = await (
      await loadClient()
    ).post<AsyncIterable<RawMessageStreamEvent>>('/v1/messages', {
      body,
      stream: true,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return stream;
  }

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    let prefill = prefillAccepted && wantsPrefill(request);
    const bodyFor = (withPrefill: boolean) =>
      anthropicRequestBody(request, { modelId: options.modelId, defaultMaxTokens, prefill: withPrefill });
    let events: AsyncIterable<RawMessageStreamEvent>;
    try {
      try {
        events = await send(bodyFor(prefill), context);
      } catch (error) {
        if (!prefill || !isPrefillRefusal(error, sdk)) throw error;
        prefillAccepted = false;
        prefill = false;
        events = await send(bodyFor(false), context);
      }
    } catch (error) {
      const refusal = request.responseSchema === undefined ? undefined : schemaRefusalMessage(error);
      if (refusal === undefined) throw error;
      yield* schemaRefusalParts(refusal, context);
      return;
    }
    yield* partsFromEvents({
      events,
      context,
      stop: request.parameters.stop,
      read: anthropicEventReader(),
      finishReasons: stopReasons,
      stopSequenceReason: 'stop_sequence',
      prefillApplied: prefill,
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

  const model = streamingModel({
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: toError,
    toolCalling: true,
  });
  return {
    ...model,
    fixedParameters: anthropicFixedParameters,
    // Extended thinking takes a budget of at least 1024 tokens (`ThinkingConfigEnabled`).
    probe: (callOptions) =>
      probeChatFeatures({
        generate: (request, requestOptions) => model.generate(request, requestOptions),
        callOptions,
        reasoningAllowanceTokens: 1024,
        documented: anthropicDocumentedCapabilities,
      }),
  };
}
