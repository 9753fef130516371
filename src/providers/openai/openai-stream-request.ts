import type { GenerationParameters } from '../../spec/language-model.ts';
import type { RateLimitState } from '../../spec/errors.ts';
import { callAborted } from '../shared/call-deadline.ts';
import { parseRateLimitHeaders } from '../shared/rate-limit-headers.ts';
import type { HeaderReader } from '../shared/retry-after.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';
import { displayUrl } from '../shared/display-url.ts';
import type { StreamContext, StreamingModelParts } from '../shared/streaming-model.ts';
import { createOpenAIClient, type OpenAIEndpointOptions } from './openai-client.ts';
import { rejectsStreamOptions, toProviderError } from './openai-error.ts';
import { defaultReasoningAllowanceTokens, OpenAIRequestProfile } from './openai-request-profile.ts';

/** OpenAI's API takes at most this many stop strings; the rest are applied on our side. */
export const openAIStopLimit = 4;

/**
 * The token budget sent for a request: the visible-answer budget, plus the reasoning allowance for a reasoning
 * model (whose budget counts its thinking too). Undefined when the request sets none.
 */
export function tokenBudget(
  parameters: GenerationParameters,
  profile: OpenAIRequestProfile,
): number | undefined {
  if (parameters.maxTokens === undefined) return undefined;
  if (!profile.reasoning) return parameters.maxTokens;
  return parameters.maxTokens + (parameters.reasoningAllowanceTokens ?? defaultReasoningAllowanceTokens);
}

/**
 * The body fields both OpenAI streaming endpoints (chat and legacy completions) share: `stream_options` asking
 * for usage, then the options the request sets and the model accepts (see OpenAIRequestProfile; unset ones are
 * left out): sampling, the token budget, the first 4 stop strings, seed, reasoning effort.
 */
export function openAIStreamFields(
  parameters: GenerationParameters,
  options: { includeUsage: boolean; profile: OpenAIRequestProfile },
) {
  return addOpenAIStreamFields({} as { stream: true }, parameters, options);
}

/**
 * Adds openAIStreamFields to `body`, in the same order, and returns it. Written field by field: building the
 * body from spreads of objects whose shapes vary costs every request CPU (docs/decisions/0310).
 */
export function addOpenAIStreamFields<TBody extends object>(
  body: TBody,
  parameters: GenerationParameters,
  options: { includeUsage: boolean; profile: OpenAIRequestProfile },
): TBody & { stream: true } & Record<string, unknown> {
  const { profile } = options;
  const fields = body as Record<string, unknown>;
  const budget = tokenBudget(parameters, profile);
  fields.stream = true;
  if (options.includeUsage) fields.stream_options = { include_usage: true };
  const set = (name: string, value: unknown): void => {
    if (value !== undefined) fields[name] = value;
  };
  set('temperature', profile.sendsSampling ? parameters.temperature : undefined);
  set('top_p', profile.sendsSampling ? parameters.topP : undefined);
  set('max_tokens', profile.tokenField === 'max_tokens' ? budget : undefined);
  set('max_completion_tokens', profile.tokenField === 'max_completion_tokens' ? budget : undefined);
  set(
    'stop',
    profile.sendsStop
      ? splitStopSequences(parameters.stop, { serverLimit: openAIStopLimit }).server
      : undefined,
  );
  set('seed', profile.sendsSeed ? parameters.seed : undefined);
  set('reasoning_effort', parameters.reasoningEffort);
  return body as TBody & { stream: true } & Record<string, unknown>;
}

/**
 * The SDK's request options for a call: its AbortSignal, if the call has one. With a deadline the signal is made
 * here, when the SDK is the transport; parity's own client watches the deadline and needs none (no signal made;
 * docs/decisions/0331).
 */
export function signalOptions(context: StreamContext): { signal: AbortSignal } | undefined {
  const signal = context.signal;
  return signal ? { signal } : undefined;
}

/** Most times one call is sent again after the server refused a parameter (one per parameter it may refuse). */
const maxAdaptations = 5;

/**
 * Opens OpenAI streams, asking for usage (`stream_options`) until a server rejects it (old llama.cpp,
 * Ollama), and sending only what the model accepts (OpenAIRequestProfile): a 400 that refuses a parameter
 * adapts the profile and the request is sent again at once. What is learned holds for the model's later
 * requests. The body sent is recorded in the exchange.
 */
export class StreamOptionsFallback {
  private includeUsage = true;

  constructor(readonly profile: OpenAIRequestProfile) {}

  async open<TBody, TStream>(options: {
    body: (fields: { includeUsage: boolean; profile: OpenAIRequestProfile }) => TBody;
    /**
     * Sends the body; the SDK's APIPromise, whose `withResponse` gives the headers too. What stops the call is
     * the caller's to pass: `signalOptions(context)` for the SDK, the deadline itself for parity's own client.
     */
    create: (body: TBody) => {
      withResponse(): Promise<{ data: TStream; response: { headers: HeaderReader } }>;
    };
    context: StreamContext;
  }): Promise<{ stream: TStream; rateLimit: RateLimitState | undefined }> {
    const { context } = options;
    for (let attempt = 0; ; attempt++) {
      const sentUsage = this.includeUsage;
      const body = options.body({ includeUsage: sentUsage, profile: this.profile });
      context.exchange.request = body;
      try {
        const { data, response } = await options.create(body).withResponse();
        return { stream: data, rateLimit: parseRateLimitHeaders(response.headers) };
      } catch (error) {
        if (callAborted(context) || attempt >= maxAdaptations) throw error;
        // Decide on what this request sent: a concurrent request may already have changed the profile.
        if (sentUsage && rejectsStreamOptions(error)) {
          this.includeUsage = false;
          continue;
        }
        if (this.profile.adaptTo(error, body as Record<string, unknown>)) continue;
        throw error;
      }
    }
  }
}

/**
 * What the chat and the completions model of one OpenAI-compatible endpoint share: the SDK client, the
 * `stream_options` fallback, and all that `streamingModel` needs besides the stream itself.
 */
export function openAIStreamingEndpoint(
  options: OpenAIEndpointOptions & { readonly profile?: OpenAIRequestProfile },
) {
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
    opener: new StreamOptionsFallback(
      options.profile ?? new OpenAIRequestProfile({ modelId: options.modelId, provider }),
    ),
    streaming,
  };
}
