import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../spec/errors.ts';
import type {
  CallOptions,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  Usage,
} from '../../spec/language-model.ts';
import { deadlineError, startCallDeadline } from '../shared/call-deadline.ts';
import { rejectsStreamOptions, toProviderError } from './openai-error.ts';

export interface OpenAIChatModelOptions {
  /** Base URL of the API including the version path, e.g. https://api.openai.com/v1. */
  readonly baseUrl: string;
  /** Sent as a bearer token; never logged or put in messages. Servers that need none get a placeholder. */
  readonly apiKey?: string;
  readonly modelId: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Clock for timings, in milliseconds (any origin; only differences are used). */
  readonly now: () => number;
}

const provider = 'openai';
/** Sent when the caller has no key: the SDK needs one, and keyless servers ignore it. */
const placeholderApiKey = 'parity-no-key';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
};

/** Base URL without credentials or trailing slash: safe for messages and cache keys. */
function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}

function malformed(field: string, baseUrl: string): ProviderError {
  return new ProviderError({
    provider,
    message: `malformed response from ${baseUrl}: ${field}`,
    isRetryable: false,
  });
}

function mapUsage(usage: ChatCompletionChunk['usage']): Usage {
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
 * retries off (the runner retries). Always streams, to measure time to first token. `assistantPrefix`
 * cannot be prefilled on chat completions, so results say `prefillApplied: false`.
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): LanguageModel {
  const baseUrl = displayUrl(options.baseUrl);
  const apiKey = options.apiKey;
  const now = options.now;
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: apiKey || placeholderApiKey,
    // Explicit values so the SDK does not read them from process.env.
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: 'off',
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  /** Cleared for good when the server rejects `stream_options` (old llama.cpp, Ollama). */
  let sendStreamOptions = true;

  async function streamOnce(
    request: GenerateRequest,
    signal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const parameters = request.parameters;
    const body: ChatCompletionCreateParamsStreaming = {
      model: options.modelId,
      // ChatMessage is already { role, content }; the SDK does not mutate it.
      messages: request.messages as ChatCompletionMessageParam[],
      stream: true,
    };
    if (sendStreamOptions) body.stream_options = { include_usage: true };
    if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
    if (parameters.topP !== undefined) body.top_p = parameters.topP;
    if (parameters.maxTokens !== undefined) body.max_tokens = parameters.maxTokens;
    if (parameters.stop !== undefined && parameters.stop.length > 0) body.stop = parameters.stop as string[];
    if (parameters.seed !== undefined) body.seed = parameters.seed;

    const startMs = now();
    const stream = await client.chat.completions.create(body, signal ? { signal } : undefined);
    let text = '';
    let ttftMs: number | undefined;
    let finish: string | null | undefined;
    let usage: Usage = {};
    let responseId: string | undefined;
    let sawChoice = false;
    for await (const chunk of stream) {
      if (!chunk || typeof chunk !== 'object') throw malformed('chunk is not an object', baseUrl);
      const choices = chunk.choices as ChatCompletionChunk['choices'] | undefined;
      if (!Array.isArray(choices)) throw malformed('chunk without a "choices" array', baseUrl);
      if (responseId === undefined && typeof chunk.id === 'string') responseId = chunk.id;
      if (chunk.usage) usage = mapUsage(chunk.usage);
      const choice = choices[0];
      if (choice === undefined) continue;
      sawChoice = true;
      const content: unknown = choice.delta?.content;
      if (typeof content === 'string' && content.length > 0) {
        if (ttftMs === undefined) ttftMs = now() - startMs;
        text += content;
      } else if (content !== undefined && content !== null && typeof content !== 'string') {
        throw malformed('"choices[0].delta.content" is not a string', baseUrl);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    // The SDK ends the iteration quietly when the request is aborted; the caller checks the deadline.
    if (signal?.aborted) throw signal.reason;
    if (!sawChoice) throw malformed('response has no "choices"', baseUrl);
    const result: GenerateResult = {
      text,
      finishReason: finish ? (finishReasons[finish] ?? 'other') : 'unknown',
      usage,
      timing: ttftMs === undefined ? { totalMs: now() - startMs } : { ttftMs, totalMs: now() - startMs },
      prefillApplied: false,
    };
    return responseId === undefined ? result : { ...result, responseId };
  }

  return {
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    async generate(request: GenerateRequest, callOptions: CallOptions): Promise<GenerateResult> {
      const deadline = startCallDeadline(callOptions);
      try {
        if (deadline.firedBy !== undefined) throw deadline.signal?.reason;
        try {
          return await streamOnce(request, deadline.signal);
        } catch (error) {
          if (deadline.firedBy === undefined && sendStreamOptions && rejectsStreamOptions(error)) {
            sendStreamOptions = false;
            return await streamOnce(request, deadline.signal);
          }
          throw error;
        }
      } catch (error) {
        if (deadline.firedBy !== undefined) {
          throw deadlineError({ deadline, callOptions, provider, target: baseUrl });
        }
        throw toProviderError(error, { baseUrl, apiKey });
      } finally {
        deadline.dispose();
      }
    },
    async close(): Promise<void> {
      // The SDK keeps no resources of its own; sockets belong to the fetch implementation's pool.
    },
  };
}
