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
}

/** Token counts as the server reported them. `undefined` means unknown, never 0. */
export interface Usage {
  readonly inputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly outputTokens?: number;
  readonly reasoningTokens?: number;
}

export type FinishReason =
  'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';

export interface Timing {
  /** Milliseconds from sending the request to the first non-empty text chunk; undefined when nothing streamed. */
  readonly ttftMs?: number;
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
}

export interface CallOptions {
  readonly signal?: AbortSignal;
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
  generate(request: GenerateRequest, options: CallOptions): Promise<GenerateResult>;
  /** Releases sockets, native memory and workers. */
  close?(): Promise<void>;
}
