import type {
  GoogleGenAI,
  Content,
  GenerateContentConfig,
  GenerateContentResponse,
  ThinkingConfig,
  ThinkingLevel,
} from '@google/genai';
import type * as GeminiSdk from '@google/genai';
import { ProviderError } from '../../spec/errors.ts';
import { encodeToolCalls, type ToolCall } from '../../spec/tool-calls.ts';
import type {
  FinishReason,
  GenerateRequest,
  GenerationParameters,
  LanguageModel,
  StreamPart,
} from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { displayUrl } from '../shared/display-url.ts';
import { finiteNumber } from '../shared/finite-number.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { probeChatFeatures } from '../shared/probe-chat-features.ts';
import { httpProviderError } from '../shared/provider-error-mapping.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import { schemaRefusalMessage, schemaRefusalParts } from '../shared/schema-refusal.ts';

export interface GeminiModelOptions {
  /** Default https://generativelanguage.googleapis.com (the SDK adds the API version, v1beta). */
  readonly baseUrl?: string;
  readonly apiKey: string;
  readonly modelId: string;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
}

export const geminiBaseUrl = 'https://generativelanguage.googleapis.com';

/** What the API documentation says and no probe request tests (also the provider's registry entry). */
export const geminiDocumentedCapabilities = {
  completions: false,
  logLikelihood: false,
  jsonSchemaOutput: true,
  seed: true,
} as const;
/** The Gemini API takes at most 5 stop sequences; the rest are applied client-side. */
export const geminiStopLimit = 5;
const provider = 'gemini';

/** Our name for a prompt the API blocked before generating (`promptFeedback.blockReason`, no candidates). */
const promptBlocked = 'PROMPT_BLOCKED';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  MALFORMED_FUNCTION_CALL: 'tool-calls',
  [promptBlocked]: 'content-filter',
};

/**
 * `thinkingConfig` from the reasoning parameters: `thinkingBudget` from `reasoningAllowanceTokens`,
 * `thinkingLevel` from `reasoningEffort` in upper case (`ThinkingLevel`: MINIMAL, LOW, MEDIUM, HIGH).
 */
function thinkingConfig(parameters: GenerationParameters): ThinkingConfig | undefined {
  const { reasoningAllowanceTokens, reasoningEffort } = parameters;
  if (reasoningAllowanceTokens === undefined && reasoningEffort === undefined) return undefined;
  return definedFields({
    thinkingBudget: reasoningAllowanceTokens,
    thinkingLevel: reasoningEffort?.toUpperCase() as ThinkingLevel | undefined,
  });
}

/**
 * `GenerateRequest.tools` as one Tool with `functionDeclarations` (ai.google.dev/gemini-api/docs/function-calling;
 * `FunctionDeclaration` in node_modules/@google/genai/dist/genai.d.ts). The parameters go as
 * `parametersJsonSchema` — plain JSON Schema, as the request holds them (BFCL's "dict" → "object" is done by the
 * benchmark, as for the OpenAI path) — not as `parameters`, the OpenAPI-subset `Schema` that would need every
 * type rewritten and drops keywords it does not know.
 */
function geminiTools(request: GenerateRequest): GenerateContentConfig['tools'] {
  if (request.tools === undefined || request.tools.length === 0) return undefined;
  return [
    {
      functionDeclarations: request.tools.map((tool) =>
        definedFields({
          name: tool.name,
          description: tool.description,
          parametersJsonSchema: tool.parameters,
        }),
      ),
    },
  ];
}

/**
 * `generateContent` arguments: system messages → `systemInstruction`, assistant → role 'model',
 * `reasoningAllowanceTokens` → `thinkingConfig.thinkingBudget` (0 turns thinking off where the model allows),
 * `reasoningEffort` → `thinkingConfig.thinkingLevel`, `responseSchema` → `responseMimeType` JSON and
 * `responseJsonSchema`.
 */
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
    // Thoughts count against maxOutputTokens (python-genai issues #811, #2062): the thinking budget is added,
    // so that the visible answer keeps the protocol's budget.
    maxOutputTokens:
      parameters.maxTokens === undefined
        ? undefined
        : parameters.maxTokens + (parameters.reasoningAllowanceTokens ?? 0),
    stopSequences: splitStopSequences(parameters.stop, { serverLimit: geminiStopLimit }).server,
    seed: parameters.seed,
    thinkingConfig: thinkingConfig(parameters),
    // Structured output: a JSON reply following the schema (`responseJsonSchema` takes JSON Schema as is;
    // `responseSchema` only its OpenAPI subset).
    responseMimeType: request.responseSchema === undefined ? undefined : 'application/json',
    responseJsonSchema: request.responseSchema?.schema,
    tools: geminiTools(request),
  });
  return { contents, config };
}

/**
 * A reader of one request's streamed `GenerateContentResponse`s: the first candidate's text (thoughts left
 * out), its `functionCall` parts, and usage with thinking billed as output (node_modules/@google/genai/dist/genai.d.ts,
 * `GenerateContentResponseUsageMetadata`: `candidatesTokenCount` excludes `thoughtsTokenCount`;
 * `totalTokenCount` = prompt + candidates + tool-use prompt + thoughts). Function calls come whole, one per
 * part, `{name, args}` with `args` an object (`FunctionCall`; the Gemini API streams no partial arguments):
 * with the finish reason they are appended to the text as `{"tool_calls":[…]}` (spec/tool-calls.ts,
 * decision 0156), `args` as JSON text. A blocked prompt (`promptFeedback.blockReason`) ends the response at
 * once as `content-filter`; the stored events keep the reason.
 */
function geminiChunkReader(): (chunk: GenerateContentResponse) => EventReading {
  const calls: ToolCall[] = [];
  return (chunk) => {
    const metadata = chunk.usageMetadata;
    const candidate = chunk.candidates?.[0];
    const candidates = finiteNumber(metadata?.candidatesTokenCount);
    const thoughts = finiteNumber(metadata?.thoughtsTokenCount);
    const blocked = chunk.promptFeedback?.blockReason !== undefined && candidate === undefined;
    const parts = candidate?.content?.parts ?? [];
    for (const part of parts) {
      const call = part.functionCall;
      if (call && typeof call.name === 'string') {
        calls.push({ name: call.name, arguments: JSON.stringify(call.args ?? {}) });
      }
    }
    const texts = parts.flatMap((part) =>
      typeof part.text === 'string' && !part.thought ? [part.text] : [],
    );
    const finishReason = blocked ? promptBlocked : candidate?.finishReason;
    if (finishReason && calls.length > 0) texts.push(encodeToolCalls(calls.splice(0)));
    return {
      responseId: chunk.responseId || undefined,
      usage: metadata
        ? {
            inputTokens: finiteNumber(metadata.promptTokenCount),
            cachedInputTokens: finiteNumber(metadata.cachedContentTokenCount),
            outputTokens:
              candidates === undefined && thoughts === undefined
                ? undefined
                : (candidates ?? 0) + (thoughts ?? 0),
            reasoningTokens: thoughts,
          }
        : undefined,
      texts,
      finishReason,
    };
  };
}

/**
 * The server's message and the RetryInfo delay from an error body `{ error: { message, details } }`: an HTTP
 * error's body, or an error sent inside a 200 stream, which the SDK throws as "got status: UNAVAILABLE. {…}"
 * (node_modules/@google/genai/dist/node/index.cjs, `throwIfStreamErrorChunk`).
 */
export function parseGeminiErrorBody(text: string): { message?: string; retryDelayMs?: number } {
  const start = text.indexOf('{');
  try {
    if (start < 0) throw new SyntaxError('no JSON');
    const body = JSON.parse(text.slice(start)) as { error?: { message?: unknown; details?: unknown } };
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

/** A JSON request body as parsed data (what the server received); other bodies as they are. */
function wireBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * A LanguageModel over the Gemini API (`streamGenerateContent?alt=sse`) through the official `@google/genai`
 * SDK, with its retries off. `assistantPrefix` is not prefilled (`prefillApplied: false`);
 * `reasoningAllowanceTokens` becomes `thinkingConfig.thinkingBudget`. Usage: input (`promptTokenCount`), cached
 * input (`cachedContentTokenCount`), output (`candidatesTokenCount + thoughtsTokenCount`, as billed),
 * reasoning (`thoughtsTokenCount`). The raw request is the body as sent on the wire. The stream has no end
 * marker, so a stream without a finish reason counts as cut off.
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
    let stream;
    try {
      stream = await (
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
    } catch (error) {
      const refusal = request.responseSchema === undefined ? undefined : schemaRefusalMessage(error);
      if (refusal === undefined) throw error;
      yield* schemaRefusalParts(refusal, context);
      return;
    }
    yield* partsFromEvents({
      events: stream,
      context,
      stop: request.parameters.stop,
      read: geminiChunkReader(),
      finishReasons,
      stopSequenceReason: 'STOP',
      prefillApplied: false,
    });
  }

  /**
   * Records the request body as sent on the wire (the SDK turns its config into `generationConfig`,
   * `systemInstruction` …), and keeps the headers of an error response (Retry-After), which the SDK's
   * ApiError drops.
   */
  const errorHeaders = new WeakMap<object, Headers>();
  function recordingFetch(context: StreamContext): typeof fetch {
    return async (input, init) => {
      context.exchange.request = wireBody(init?.body);
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
    const parsed = parseGeminiErrorBody(error.message);
    return httpProviderError({
      ...mapping,
      status: error.status,
      serverMessage: parsed.message,
      headers,
      retryAfterMs: parsed.retryDelayMs,
    });
  }

  const model = streamingModel({
    identity: { provider, endpoint: baseUrl, modelId: options.modelId },
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: (error, exchange) => toError(error, errorHeaders.get(exchange)),
    toolCalling: true,
  });
  return {
    ...model,
    // 512 is within every thinking model's budget range (2.5 Pro 128–32768, Flash-Lite 512–24576).
    probe: (callOptions) =>
      probeChatFeatures({
        generate: (request, requestOptions) => model.generate(request, requestOptions),
        callOptions,
        reasoningAllowanceTokens: 512,
        documented: geminiDocumentedCapabilities,
      }),
  };
}
