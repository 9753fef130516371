import { ApiError, GoogleGenAI, type Content, type GenerateContentConfig } from '@google/genai';
import { ProviderError } from '../../spec/errors.ts';
import type {
  FinishReason,
  GenerateRequest,
  LanguageModel,
  StreamPart,
  Usage,
} from '../../spec/language-model.ts';
import { displayUrl } from '../openai/openai-client.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { splitStopSequences, StopScanner } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';

export interface GeminiModelOptions {
  /** Default https://generativelanguage.googleapis.com (the SDK adds the API version, v1beta). */
  readonly baseUrl?: string;
  readonly apiKey: string;
  readonly modelId: string;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
}

export const geminiBaseUrl = 'https://generativelanguage.googleapis.com';
/** The Gemini API takes at most 5 stop sequences; the rest are applied client-side. */
export const geminiStopLimit = 5;
const provider = 'gemini';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  MALFORMED_FUNCTION_CALL: 'tool-calls',
};

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `generateContent` arguments: system messages → `systemInstruction`, assistant → role 'model'. */
export function geminiRequest(request: GenerateRequest): {
  contents: Content[];
  config: GenerateContentConfig;
} {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content);
  const contents: Content[] = request.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({
      role: message.role === 'assistant' ? 'model' : 'user',
      parts: [{ text: message.content }],
    }));
  const parameters = request.parameters;
  const config: GenerateContentConfig = {};
  if (system.length > 0) config.systemInstruction = system.join('\n\n');
  if (parameters.temperature !== undefined) config.temperature = parameters.temperature;
  if (parameters.topP !== undefined) config.topP = parameters.topP;
  if (parameters.maxTokens !== undefined) config.maxOutputTokens = parameters.maxTokens;
  const stops = splitStopSequences(parameters.stop, { serverLimit: geminiStopLimit });
  if (stops.server) config.stopSequences = stops.server;
  if (parameters.seed !== undefined) config.seed = parameters.seed;
  return { contents, config };
}

/** The server's message and the RetryInfo delay from an error body `{ error: { message, details } }`. */
function parseErrorBody(text: string): { message?: string; retryDelayMs?: number } {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; details?: unknown } };
    const message = typeof body.error?.message === 'string' ? body.error.message : undefined;
    let retryDelayMs: number | undefined;
    if (Array.isArray(body.error?.details)) {
      for (const detail of body.error.details as { retryDelay?: unknown }[]) {
        const match = typeof detail?.retryDelay === 'string' ? /^([\d.]+)s$/.exec(detail.retryDelay) : null;
        if (match) retryDelayMs = Number(match[1]) * 1000;
      }
    }
    return {
      ...(message === undefined ? {} : { message }),
      ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
    };
  } catch {
    return { message: text };
  }
}

/**
 * A LanguageModel over the Gemini API (`streamGenerateContent?alt=sse`) through the official `@google/genai`
 * SDK, with its retries off. `assistantPrefix` is not prefilled (`prefillApplied: false`). Usage: input
 * (`promptTokenCount`), cached input (`cachedContentTokenCount`), output (`candidatesTokenCount`), reasoning
 * (`thoughtsTokenCount`). The stream has no end marker, so a stream without a finish reason counts as cut off.
 */
export function createGeminiModel(options: GeminiModelOptions): LanguageModel {
  const baseUrl = displayUrl(options.baseUrl ?? geminiBaseUrl);
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    httpOptions: { baseUrl: options.baseUrl ?? geminiBaseUrl },
  });
  const baseFetch = options.fetch ?? fetch;

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const { contents, config } = geminiRequest(request);
    context.exchange.request = { model: options.modelId, contents, config };
    const stream = await client.models.generateContentStream({
      model: options.modelId,
      contents,
      config: {
        ...config,
        ...(context.signal ? { abortSignal: context.signal } : {}),
        // Per request, so that concurrent calls each see their own error response's headers.
        httpOptions: { fetch: recordingFetch(context) },
      },
    });
    const scanner = new StopScanner(splitStopSequences(request.parameters.stop, { serverLimit: 0 }).client);
    let usage: Usage = {};
    let finish: string | undefined;
    let responseId: string | undefined;
    for await (const chunk of stream) {
      context.exchange.events.push(chunk);
      if (chunk.responseId) responseId ??= chunk.responseId;
      const metadata = chunk.usageMetadata;
      if (metadata) {
        usage = {
          inputTokens: number(metadata.promptTokenCount),
          cachedInputTokens: number(metadata.cachedContentTokenCount),
          outputTokens: number(metadata.candidatesTokenCount),
          reasoningTokens: number(metadata.thoughtsTokenCount),
        };
      }
      const candidate = chunk.candidates?.[0];
      if (!candidate) continue;
      for (const part of candidate.content?.parts ?? []) {
        if (typeof part.text !== 'string' || part.text === '' || part.thought) continue;
        const pushed = scanner.push(part.text);
        if (pushed.delta) yield { type: 'text-delta', text: pushed.delta, atMs: context.elapsedMs() };
        if (pushed.stopped) finish = 'STOP';
      }
      if (finish === 'STOP' && scanner.hasStopped) break;
      if (candidate.finishReason) finish = candidate.finishReason;
    }
    if (context.signal?.aborted) return;
    const rest = scanner.flush();
    if (rest) yield { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
    if (finish === undefined) return;
    yield {
      type: 'finish',
      finishReason: finishReasons[finish] ?? 'other',
      usage,
      atMs: context.elapsedMs(),
      prefillApplied: false,
      ...(responseId === undefined ? {} : { responseId }),
    };
  }

  /** Keeps the headers of an error response (Retry-After), which the SDK's ApiError drops. */
  const errorHeaders = new WeakMap<object, Headers>();
  function recordingFetch(context: StreamContext): typeof fetch {
    return async (input, init) => {
      const response = await baseFetch(input, init);
      if (!response.ok) errorHeaders.set(context.exchange, response.headers);
      return response;
    };
  }

  const identity = { provider, endpoint: baseUrl, modelId: options.modelId };
  const streaming = streamingModel({
    identity,
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: (error, exchange) => toError(error, errorHeaders.get(exchange)),
  });

  function toError(error: unknown, headers: Headers | undefined): Error {
    if (error instanceof ProviderError) return error;
    if (error instanceof ApiError) {
      const parsed = parseErrorBody(error.message);
      const mapped = httpProviderError({
        provider,
        target: baseUrl,
        apiKey: options.apiKey,
        status: error.status,
        serverMessage: parsed.message,
        headers,
        cause: error,
      });
      if (mapped.retryAfterMs !== undefined || parsed.retryDelayMs === undefined) return mapped;
      return new ProviderError({
        provider,
        message: mapped.message.slice(`${provider}: `.length),
        statusCode: error.status,
        isRetryable: mapped.isRetryable,
        retryAfterMs: parsed.retryDelayMs,
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

  return { identity, generate: streaming.generate, stream: streaming.stream, async close() {} };
}
