import type { RateLimitState } from './errors.ts';
import type { ToolDefinition } from './tool-calls.ts';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** Settings that can change a model's output. Everything here is part of the response-cache key. */
export interface GenerationParameters {
  /** 0 means greedy. Undefined leaves the server's default. */
  readonly temperature?: number;
  readonly topP?: number;
  /** Upper bound on generated tokens. */
  readonly maxTokens?: number;
  /** Generation ends before any of these strings; the stop string is not part of the text. */
  readonly stop?: readonly string[];
  readonly seed?: number;
  /**
   * How hard a reasoning model thinks ('minimal', 'low', 'medium', 'high' …, passed through as given).
   * Undefined leaves the server's default; models without reasoning are not sent it.
   */
  readonly reasoningEffort?: string;
  /**
   * Tokens a reasoning model may spend thinking on top of `maxTokens` (the visible-answer budget), for APIs
   * whose budget counts both (OpenAI's `max_completion_tokens`, Anthropic's thinking budget). Undefined
   * leaves the provider's default allowance; models without reasoning ignore it.
   */
  readonly reasoningAllowanceTokens?: number;
}

export interface GenerateRequest {
  readonly messages: readonly ChatMessage[];
  readonly parameters: GenerationParameters;
  /**
   * Text the assistant's reply should start with (a "generation prefix" such as "The best answer is").
   * Providers that can prefill the reply do so and return only the continuation; providers that cannot
   * ignore it and report `prefillApplied: false`. Scorers accept both forms.
   */
  readonly assistantPrefix?: string;
  /**
   * Structured output: the reply must be one JSON value valid for this schema. Providers with a structured-output
   * mode constrain the reply to it (OpenAI-compatible `response_format: json_schema` strict, Anthropic
   * `output_config.format`, Gemini `responseJsonSchema`); others ignore it (the prompt still asks for the JSON).
   * An endpoint that refuses the schema answers with finish reason 'error' and no text (docs/decisions/0152).
   */
  readonly responseSchema?: ResponseSchema;
  /**
   * Functions the model may call through the provider's tools API. Calls it makes come back at the end of the
   * text, encoded by `encodeToolCalls` (spec/tool-calls.ts). Providers without a tools API refuse the request.
   */
  readonly tools?: readonly ToolDefinition[];
}

/** A JSON Schema the reply must follow, with a name for APIs that want one (`^[A-Za-z0-9_-]{1,64}$`). */
export interface ResponseSchema {
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>> | boolean;
}

/**
 * Token counts as the server reported them. `undefined` means unknown, never 0. `inputTokens` is the whole
 * prompt (cache reads and cache writes included); `outputTokens` includes `reasoningTokens`.
 */
export interface Usage {
  readonly inputTokens?: number;
  readonly cachedInputTokens?: number;
  /**
   * Prompt tokens written to the provider's prompt cache by this request (Anthropic's
   * `cache_creation_input_tokens`); part of `inputTokens`, billed at the cache-write rate.
   */
  readonly cacheWriteInputTokens?: number;
  readonly outputTokens?: number;
  readonly reasoningTokens?: number;
}

export type FinishReason =
  'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';

export interface Timing {
  /** Milliseconds from sending the request to the first non-empty text chunk; undefined when nothing streamed. */
  readonly ttftMs?: number;
  /**
   * Milliseconds from sending the request to the first non-empty reasoning chunk (a reasoning model's
   * thinking, streamed apart from the answer); undefined when none streamed.
   */
  readonly reasoningTtftMs?: number;
  /** Milliseconds from sending the request to the end of the response. */
  readonly totalMs: number;
}

export interface GenerateResult {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly timing: Timing;
  /** Whether `assistantPrefix` was prefilled (so `text` is only the continuation). */
  readonly prefillApplied: boolean;
  /** The provider's own response id, when it gave one. */
  readonly responseId?: string;
  /** Arrival of each non-empty text chunk (time to first token, gaps between chunks); absent when not streamed. */
  readonly chunks?: readonly ChunkTiming[];
  /** The request and response as exchanged with the server, for the run store. */
  readonly raw?: RawExchange;
  /** The server's `x-ratelimit-*` headers on this response, when it sent any (for pacing). */
  readonly rateLimit?: RateLimitState;
  /** Characters of reasoning text the model streamed apart from the answer (not part of `text`). */
  readonly reasoningCharacters?: number;
}

/**
 * A call's cancellation watched without an AbortSignal (an AbortController and its listeners cost every call
 * several microseconds and ~1 KB of garbage; docs/decisions/0355). It fires exactly when the call's `signal`
 * aborts, with the same reason.
 */
export interface CallCancellation {
  /** Whether it fired (the signal's `aborted`). */
  readonly fired: boolean;
  /** Why it fired (the signal's `reason`); undefined while it has not. */
  readonly reason: unknown;
  /** Calls `listener` once when it fires (not when it already has: check `fired` first). */
  watch(listener: () => void): void;
  unwatch(listener: () => void): void;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * The same cancellation as `signal`, for a provider that can watch it without one (parity's runner passes
   * both, its `signal` made only when read). A caller that passes this passes `signal` too.
   */
  readonly cancellation?: CallCancellation;
  /** Per-request timeout; the call fails with a retryable ProviderError when it runs out. */
  readonly timeoutMs?: number;
}

/** What identifies a model endpoint in cache keys and stored runs. Never holds a secret. */
export interface ModelIdentity {
  /** 'openai', 'local', … */
  readonly provider: string;
  /** Base URL for HTTP providers, the model file's path for local ones. */
  readonly endpoint: string;
  readonly modelId: string;
}

export interface LanguageModel {
  readonly identity: ModelIdentity;
  /**
   * Generation parameters this API cannot set: they are not sent and the provider's own values apply
   * (Anthropic's current API fixes sampling). Runs record which of their protocol's parameters were not applied.
   */
  readonly fixedParameters?: readonly (keyof GenerationParameters)[];
  generate(request: GenerateRequest, options: CallOptions): Promise<GenerateResult>;
  /** Releases sockets, native memory and workers. */
  close?(): Promise<void>;
  /** Streams the response as parts; `generate` gives the same result collected. */
  stream?(request: GenerateRequest, options: CallOptions): AsyncIterable<StreamPart>;
  /** Present when the provider may score given text; the endpoint may still refuse (see `probe`). */
  logLikelihood?(request: LogLikelihoodRequest, options: CallOptions): Promise<LogLikelihoodResult>;
  /** Sends small test requests to find out what the endpoint supports. */
  probe?(options: CallOptions): Promise<ModelCapabilities>;
  /**
   * The endpoint's context window (prompt and reply together, in tokens) as the server itself reports it;
   * undefined when it reports none. Never throws for an endpoint that simply lacks the route.
   */
  contextWindow?(options: CallOptions): Promise<ContextWindow | undefined>;
}

/** A context window learned from the endpoint, and where it came from (for `parity probe` and stderr lines). */
export interface ContextWindow {
  readonly tokens: number;
  /** e.g. "GET /v1/models max_model_len (vLLM)". */
  readonly source: string;
}

/**
 * One event of a streamed response. `atMs` is milliseconds since the request was sent, by the injected clock.
 * A stream ends with exactly one `finish` or `error`.
 */
export type StreamPart =
  | { readonly type: 'text-delta'; readonly text: string; readonly atMs: number }
  /** Reasoning text streamed apart from the answer (`reasoning_content`, thinking blocks); never in `text`. */
  | { readonly type: 'reasoning-delta'; readonly text: string; readonly atMs: number }
  | {
      readonly type: 'finish';
      readonly finishReason: FinishReason;
      readonly usage: Usage;
      readonly atMs: number;
      readonly responseId?: string;
      readonly prefillApplied: boolean;
      readonly rateLimit?: RateLimitState;
    }
  | { readonly type: 'error'; readonly error: Error; readonly atMs: number };

/** Arrival of one non-empty text chunk of a streamed response. */
export interface ChunkTiming {
  /** Milliseconds since the request was sent. */
  readonly atMs: number;
  /** Characters in the chunk. */
  readonly characters: number;
}

/**
 * The request body as sent and the response as received (JSON body, or the parsed stream events in order).
 * Never holds a key: keys travel in headers, which are not recorded.
 */
export interface RawExchange {
  readonly request: unknown;
  readonly response: unknown;
}

/** Asks for the log-likelihood of each continuation after a raw text context (no chat template). */
export interface LogLikelihoodRequest {
  /** The whole prompt as raw text, e.g. few-shot examples and the question ending in "Answer:". */
  readonly context: string;
  /** Texts scored after the context, e.g. [" A", " B", " C", " D"]. */
  readonly continuations: readonly string[];
}

export interface LogLikelihoodResult {
  /** Sum of the natural-log probabilities of each continuation's tokens given the context, in request order. */
  readonly logLikelihoods: readonly number[];
  /** Whether each continuation is what greedy decoding would produce; undefined when unknown. */
  readonly isGreedy?: readonly boolean[];
  readonly usage: Usage;
  readonly timing: Timing;
  readonly raw?: RawExchange;
}

/** What an endpoint supports, found by small test requests (`parity probe`). `undefined` means not tested. */
export interface ModelCapabilities {
  readonly chat?: boolean;
  readonly completions?: boolean;
  /** Log-likelihood of given text: `/v1/completions` with `echo` and `logprobs`, or natively. */
  readonly logLikelihood?: boolean;
  readonly streamedUsage?: boolean;
  readonly jsonSchemaOutput?: boolean;
  /** Native tool calling: a request with `tools` came back with a well-formed tool call. */
  readonly toolCalls?: boolean;
  readonly seed?: boolean;
  /** A reply can be prefilled (`assistantPrefix` sent as the start of the reply). */
  readonly prefill?: boolean;
  /** A thinking budget is accepted (`reasoningAllowanceTokens`). */
  readonly thinking?: boolean;
  /** The model thinks before answering (reasoning tokens or reasoning text seen, or a reasoning family). */
  readonly reasoning?: boolean;
  /** The parameters the endpoint refused and parity now leaves out or renames (e.g. `temperature`, `stop`). */
  readonly adaptations?: readonly string[];
  /** Generation goes through OpenAI's Responses API (`/v1/responses`) because chat completions refused the model. */
  readonly responsesApi?: boolean;
  /** One line per capability that was found missing, saying why. */
  readonly notes?: readonly string[];
}
