/**
 * How one OpenAI-compatible server behaves, as far as parity can tell from the wire. Each flavour in
 * `flavours.ts` sets these from the server's own source or documentation (cited there).
 */
export interface FlavourRules {
  readonly name: string;
  /** Model ids listed by GET /v1/models; the first is the default. */
  readonly models: readonly string[];
  /** Models that think before answering. */
  readonly isReasoningModel: (model: string) => boolean;
  /** Where reasoning text streams: a delta field, or nowhere (hidden, counted in usage only). */
  readonly reasoningField: 'reasoning_content' | 'reasoning' | 'hidden';
  /**
   * Checks a chat-completions body before answering; returns the error to send (status, body), or
   * undefined. Used for fields a model refuses (OpenAI reasoning models) and models that chat refuses.
   */
  readonly refuseChat?: (body: Record<string, unknown>, model: string) => ErrorReply | undefined;
  /** Checks a `/v1/completions` body the same way (OpenAI refuses chat models there). */
  readonly refuseCompletions?: (body: Record<string, unknown>, model: string) => ErrorReply | undefined;
  /** Which budget field the server reads ('max_tokens', or OpenAI's newer 'max_completion_tokens'). */
  readonly budget: (body: Record<string, unknown>) => number | undefined;
  /** The server applies stop strings to reasoning text too (vLLM with a reasoning parser). */
  readonly stopInReasoning?: boolean;
  /** The stop string is kept at the end of the text (TGI). */
  readonly keepsStopString?: boolean;
  /** `ignore_eos`/`min_tokens` are ignored (answers stop at the model's natural end). */
  readonly ignoresMinTokens?: boolean;
  /** Usage in the shape the server sends, from the counts. */
  readonly usageJson: (counts: UsageCounts) => Record<string, unknown>;
  /**
   * What the usage sent means in parity's terms (input, cached input, output, reasoning tokens): what a run
   * against this server must store. A count the server does not send stays undefined.
   */
  readonly reportedUsage: (counts: UsageCounts) => {
    readonly inputTokens?: number;
    readonly cachedInputTokens?: number;
    readonly outputTokens?: number;
    readonly reasoningTokens?: number;
  };
  /** Usage sent only when `stream_options.include_usage` is set (OpenAI's rule); else always. */
  readonly usageOnlyWhenAsked: boolean;
  /** A zero usage on every completions chunk (Ollama) besides the real one at the end. */
  readonly zeroUsageOnEveryChunk?: boolean;
  /** The context window in tokens; longer prompts get `contextError`. */
  readonly contextTokens: number;
  /** The error for a prompt too long: an HTTP answer, or an error event inside a 200 stream (TGI). */
  readonly contextError: (promptTokens: number) => ErrorReply & { readonly inStream?: boolean };
  /** `/v1/completions` with echo + logprobs: how the echoed prompt begins (vLLM adds the BOS token). */
  readonly echo: { readonly supported: boolean; readonly bosToken?: string };
  /** `/v1/responses` is served (OpenAI). */
  readonly responses?: boolean;
  /** `x-ratelimit-*` headers on every answer (OpenAI). */
  readonly rateLimitHeaders?: boolean;
  /** Finish reason for a stop string (TGI says 'stop_sequence' in its native API but 'stop' here). */
  readonly stopFinishReason?: string;
}

export interface ErrorReply {
  readonly status: number;
  /** JSON body, or a plain string sent as text/plain. */
  readonly body: unknown;
}

/** Token counts of one answer, as the server counts them. */
export interface UsageCounts {
  readonly prompt: number;
  readonly cached: number;
  readonly completion: number;
  readonly reasoning: number;
}
