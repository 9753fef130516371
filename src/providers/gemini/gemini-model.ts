import type { GoogleGenAI, Content, GenerateContentConfig, GenerateContentResponse } from '@google/genai';
import type * as GeminiSdk from '@google/genai';
import { ProviderError } from '../../spec/errors.ts';
import type { FinishReason, GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { displayUrl } from '../shared/display-url.ts';
import { finiteNumber } from '../shared/finite-number.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';
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
  const config: GenerateContentConfig = definedFields({
    systemInstruction: system.length > 0 ? system.join('\n\n') : undefined,
    temperature: parameters.temperature,
    topP: parameters.topP,
    maxOutputTokens: parameters.maxTokens,
    stopSequences: splitStopSequences(parameters.stop, { serverLimit: geminiStopLimit }).server,
    seed: parameters.seed,
  });
  return { contents, config };
}

/** What one streamed `GenerateContentResponse` carries: the first candidate's text (thoughts left out). */
function readGeminiChunk(chunk: GenerateContentResponse): EventReading {
  const metadata = chunk.usageMetadata;
  const candidate = chunk.candidates?.[0];
  return {
    responseId: chunk.responseId || undefined,
    usage: metadata
      ? {
          inputTokens: finiteNumber(metadata.promptTokenCount),
          cachedInputTokens: finiteNumber(metadata.cachedContentTokenCount),
          outputTokens: finiteNumber(metadata.candidatesTokenCount),
          reasoningTokens: finiteNumber(metadata.thoughtsTokenCount),
        }
      : undefined,
    texts: (candidate?.content?.parts ?? []).flatMap((part) =>
      typeof part.text === 'string' && !part.thought ? [part.text] : [],
    ),
    finishReason: candidate?.finishReason,
  };
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
  // The SDK is loaded on first use: importing it costs start-up time and memory for every other command.
  let sdk: typeof GeminiSdk | undefined;
  let client: GoogleGenAI | undefined;
  async function loadClient(): Promise<GoogleGenAI> {
    sdk ??= await import('@google/genai');
    client ??= new sdk.GoogleGenAI({
      apiKey: options.apiKey,
      vertexai: false,
      httpOptions: { baseUrl: options.baseUrl ?? geminiBaseUrl },
    });
    return client;
  }
  const baseFetch = options.fetch ?? fetch;

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const { contents, config } = geminiRequest(request);
    context.exchange.request = { model: options.modelId, contents, config };
    const stream = await (
      await loadClient()
    ).models.generateContentStream({
      model: options.modelId,
      contents,
      config: {
        ...config,
        ...(context.signal ? { abortSignal: context.signal } : {}),
        // Per request, so that concurrent calls each see their own error response's headers.
        httpOptions: { fetch: recordingFetch(context) },
      },
    });
    yield* partsFromEvents({
      events: stream,
      context,
      stop: request.parameters.stop,
      read: readGeminiChunk,
      finishReasons,
      stopSequenceReason: 'STOP',
      prefillApplied: false,
    });
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

  function toError(error: unknown, headers: Headers | undefined): Error {
    if (error instanceof ProviderError) return error;
    const mapping = { provider, target: baseUrl, apiKey: options.apiKey, cause: error };
    if (!sdk || !(error instanceof sdk.ApiError)) {
      return httpProviderError({ ...mapping, status: undefined, serverMessage: undefined });
    }
    const parsed = parseErrorBody(error.message);
    return httpProviderError({
      ...mapping,
      status: error.status,
      serverMessage: parsed.message,
      headers,
      retryAfterMs: parsed.retryDelayMs,
    });
  }

  return streamingModel({
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: (error, exchange) => toError(error, errorHeaders.get(exchange)),
  });
}
