import type { ErrorReply, FlavourRules, UsageCounts } from './flavour-rules.ts';

/**
 * OpenAI-compatible servers as parity meets them, each written from the server's source or documentation
 * (the lines followed are cited beside each rule). They differ in what they accept, where reasoning text
 * goes, how usage looks and when it is sent, what a too-long prompt gets, and whether echo + logprobs works.
 */

const openAIUsage = (counts: UsageCounts) => ({
  prompt_tokens: counts.prompt,
  completion_tokens: counts.completion,
  total_tokens: counts.prompt + counts.completion,
});

const budgetField =
  (...fields: string[]) =>
  (body: Record<string, unknown>): number | undefined => {
    for (const field of fields) if (typeof body[field] === 'number') return body[field];
    return undefined;
  };

const openAIError = (
  status: number,
  message: string,
  param: string | null,
  code: string | null,
): ErrorReply => ({
  status,
  body: { error: { message, type: 'invalid_request_error', param, code } },
});

/**
 * OpenAI (platform.openai.com/docs/api-reference/chat; the `openai` 6.30 SDK types): gpt-4o-mini is a
 * classic model; o3, o4-mini and gpt-5 are reasoning models that refuse `max_tokens` ("Use
 * 'max_completion_tokens' instead"), temperatures other than 1 and `stop`, think without streaming their
 * reasoning, and count it in `completion_tokens_details.reasoning_tokens`; o3-pro is served only by
 * `/v1/responses`. Usage (with `prompt_tokens_details.cached_tokens`) comes in a last chunk with empty
 * `choices` when `stream_options.include_usage` is set. Every answer carries `x-ratelimit-*` headers
 * (docs/guides/rate-limits). Chat models are refused on `/v1/completions`.
 */
export const openAIFlavour: FlavourRules = {
  name: 'openai',
  models: ['gpt-4o-mini', 'o4-mini', 'o3-pro'],
  isReasoningModel: (model) => /^(o\d|gpt-5)/.test(model),
  reasoningField: 'hidden',
  refuseChat: (body, model) => {
    if (/-pro$/.test(model)) {
      return openAIError(
        404,
        'This model is only supported in v1/responses and not in v1/chat/completions.',
        'model',
        null,
      );
    }
    if (!/^(o\d|gpt-5)/.test(model)) return undefined;
    if ('max_tokens' in body) {
      return openAIError(
        400,
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        'max_tokens',
        'unsupported_parameter',
      );
    }
    if ('temperature' in body && body.temperature !== 1) {
      return openAIError(
        400,
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        'temperature',
        'unsupported_value',
      );
    }
    if ('stop' in body) {
      return openAIError(
        400,
        "Unsupported parameter: 'stop' is not supported with this model.",
        'stop',
        'unsupported_parameter',
      );
    }
    return undefined;
  },
  refuseCompletions: (_body, model) =>
    openAIError(
      404,
      `This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions? (${model})`,
      'model',
      null,
    ),
  budget: budgetField('max_completion_tokens', 'max_tokens'),
  usageJson: (counts) => ({
    ...openAIUsage(counts),
    prompt_tokens_details: { cached_tokens: counts.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: counts.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }),
  reportedUsage: (counts) => ({
    inputTokens: counts.prompt,
    cachedInputTokens: counts.cached,
    outputTokens: counts.completion,
    reasoningTokens: counts.reasoning,
  }),
  usageOnlyWhenAsked: true,
  ignoresMinTokens: true,
  contextTokens: 128_000,
  contextError: (tokens) =>
    openAIError(
      400,
      `This model's maximum context length is 128000 tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`,
      'messages',
      'context_length_exceeded',
    ),
  echo: { supported: false },
  responses: true,
  rateLimitHeaders: true,
};

/**
 * vLLM's OpenAI server (vllm/entrypoints/openai): a reasoning parser streams `reasoning_content`
 * (serving_chat.py, DeltaMessage.reasoning_content) and stop strings are matched in the reasoning text too
 * (open issues: "stop applied to reasoning content"); `max_tokens` and `max_completion_tokens` both set the
 * budget (protocol.py ChatCompletionRequest); usage with `prompt_tokens_details.cached_tokens` (with
 * --enable-prompt-tokens-details) only when `include_usage` (serving_completion.py: `if include_usage:
 * final_usage_chunk`); no reasoning-token count. A too-long prompt gets 400 with the older flat
 * ErrorResponse (`{ object: 'error', message, type, param, code }`, serving_engine.py `_validate_input`).
 * Echo + logprobs on /v1/completions returns the prompt's token ids first, BOS included, decoded as "<s>",
 * text offsets counted from it (serving_completion.py `request_output_to_completion_response`:
 * `token_ids = [*prompt_token_ids, *output.token_ids]`; `_create_completion_logprobs`: offsets accumulate
 * `len(token)` from `initial_text_offset` 0).
 */
export const vllmFlavour: FlavourRules = {
  name: 'vllm',
  models: ['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/QwQ-32B'],
  isReasoningModel: (model) => /QwQ|R1|Qwen3/i.test(model),
  reasoningField: 'reasoning_content',
  stopInReasoning: true,
  budget: budgetField('max_tokens', 'max_completion_tokens'),
  usageJson: (counts) => ({
    ...openAIUsage(counts),
    prompt_tokens_details: { cached_tokens: counts.cached },
  }),
  reportedUsage: (counts) => ({
    inputTokens: counts.prompt,
    cachedInputTokens: counts.cached,
    outputTokens: counts.completion,
  }),
  usageOnlyWhenAsked: true,
  contextTokens: 4096,
  contextError: (tokens) => ({
    status: 400,
    body: {
      object: 'error',
      message: `This model's maximum context length is 4096 tokens. However, you requested ${tokens + 16} tokens (${tokens} in the messages, 16 in the completion). Please reduce the length of the messages or completion.`,
      type: 'BadRequestError',
      param: null,
      code: 400,
    },
  }),
  echo: { supported: true, bosToken: '<s>' },
};

/**
 * llama.cpp's `llama-server` (tools/server/server.cpp, utils.hpp): `reasoning_content` deltas for thinking
 * models (--reasoning-format deepseek); the last chunk carries usage; `timings` besides; a prompt longer
 * than the context gets 400 `{ error: { code, message, type: 'exceed_context_size_error', n_prompt_tokens,
 * n_ctx } }` (format_error_response, ERROR_TYPE_EXCEED_CONTEXT_SIZE); /v1/completions does not echo the
 * prompt (logprobs cover generated tokens only).
 */
export const llamaCppFlavour: FlavourRules = {
  name: 'llamacpp',
  models: ['llama-3.2-1b-instruct', 'qwen3-4b-thinking'],
  isReasoningModel: (model) => /thinking/.test(model),
  reasoningField: 'reasoning_content',
  budget: budgetField('max_tokens', 'n_predict'),
  usageJson: openAIUsage,
  reportedUsage: (counts) => ({ inputTokens: counts.prompt, outputTokens: counts.completion }),
  usageOnlyWhenAsked: false,
  ignoresMinTokens: false,
  contextTokens: 4096,
  contextError: (tokens) => ({
    status: 400,
    body: {
      error: {
        code: 400,
        message: `request (${tokens} tokens) exceeds the available context size (4096 tokens), try increasing it`,
        type: 'exceed_context_size_error',
        n_prompt_tokens: tokens,
        n_ctx: 4096,
      },
    },
  }),
  echo: { supported: false },
};

/**
 * Ollama (openai/openai.go, middleware/openai.go): reasoning in `delta.reasoning` (Delta.Reasoning from
 * Message.Thinking); `max_tokens` only (ChatCompletionRequest has no `max_completion_tokens`); usage only
 * when `stream_options.include_usage` (ChatWriter: a copy of the finish chunk with `choices: []`);
 * /v1/completions puts `usage: {0, 0, 0}` on every chunk (CompleteWriter: `c.Usage = &openai.Usage{}`);
 * no cached or reasoning counts (Usage has three fields); prompts beyond the context are truncated, never
 * refused; `ignore_eos`/`min_tokens` are not fields it reads; no echo.
 */
export const ollamaFlavour: FlavourRules = {
  name: 'ollama',
  models: ['llama3.2', 'qwen3'],
  isReasoningModel: (model) => /qwen3|deepseek-r1|gpt-oss/.test(model),
  reasoningField: 'reasoning',
  budget: budgetField('max_tokens'),
  usageJson: openAIUsage,
  reportedUsage: (counts) => ({ inputTokens: counts.prompt, outputTokens: counts.completion }),
  usageOnlyWhenAsked: true,
  zeroUsageOnEveryChunk: true,
  ignoresMinTokens: true,
  contextTokens: Number.POSITIVE_INFINITY,
  contextError: () => ({ status: 500, body: { error: { message: 'unreachable', type: 'api_error' } } }),
  echo: { supported: false },
};

/**
 * Hugging Face TGI (router/src/server.rs, chat.rs, infer/mod.rs, validation.rs): the stop sequence stays
 * in the generated text and the finish reason is `stop_sequence` (lib.rs FinishReason::format only maps
 * eos to "stop"); usage follows in a chunk with empty `choices` when `include_usage` (chat.rs ChatState::push);
 * a too-long prompt is a validation error sent inside the 200 stream as `{ error: { message,
 * http_status_code: 422 } }` (infer/mod.rs `into_openai_event`), "`inputs` tokens + `max_new_tokens` must be
 * <= N" (validation.rs MaxTotalTokens); `min_tokens`/`ignore_eos` are not read; no echo.
 */
export const tgiFlavour: FlavourRules = {
  name: 'tgi',
  models: ['tgi'],
  isReasoningModel: () => false,
  reasoningField: 'hidden',
  keepsStopString: true,
  stopFinishReason: 'stop_sequence',
  budget: budgetField('max_tokens'),
  usageJson: openAIUsage,
  reportedUsage: (counts) => ({ inputTokens: counts.prompt, outputTokens: counts.completion }),
  usageOnlyWhenAsked: true,
  ignoresMinTokens: true,
  contextTokens: 4096,
  contextError: (tokens) => ({
    status: 422,
    inStream: true,
    body: {
      error: {
        message: `Input validation error: \`inputs\` tokens + \`max_new_tokens\` must be <= 4096. Given: ${tokens} \`inputs\` tokens and 256 \`max_new_tokens\``,
        http_status_code: 422,
      },
    },
  }),
  echo: { supported: false },
};

/**
 * DeepSeek (api-docs.deepseek.com: create-chat-completion, guides/reasoning_model, guides/kv_cache):
 * `deepseek-reasoner` streams `reasoning_content`, counts its chain of thought in `max_tokens`, ignores
 * temperature and top_p without an error; usage reports cache hits as `prompt_cache_hit_tokens` /
 * `prompt_cache_miss_tokens` (no `prompt_tokens_details`) and `completion_tokens_details.reasoning_tokens`;
 * `ignore_eos`/`min_tokens` do not exist; no `/v1/completions` echo.
 */
export const deepSeekFlavour: FlavourRules = {
  name: 'deepseek',
  models: ['deepseek-chat', 'deepseek-reasoner'],
  isReasoningModel: (model) => model === 'deepseek-reasoner',
  reasoningField: 'reasoning_content',
  budget: budgetField('max_tokens'),
  usageJson: (counts) => ({
    ...openAIUsage(counts),
    prompt_cache_hit_tokens: counts.cached,
    prompt_cache_miss_tokens: counts.prompt - counts.cached,
    completion_tokens_details: { reasoning_tokens: counts.reasoning },
  }),
  reportedUsage: (counts) => ({
    inputTokens: counts.prompt,
    cachedInputTokens: counts.cached,
    outputTokens: counts.completion,
    reasoningTokens: counts.reasoning,
  }),
  usageOnlyWhenAsked: true,
  ignoresMinTokens: true,
  contextTokens: 65_536,
  contextError: (tokens) =>
    openAIError(
      400,
      `This model's maximum context length is 65536 tokens. However, you requested ${tokens} tokens. Please reduce the length of the messages or completion.`,
      null,
      'invalid_request_error',
    ),
  echo: { supported: false },
};

export const flavours: readonly FlavourRules[] = [
  openAIFlavour,
  vllmFlavour,
  llamaCppFlavour,
  ollamaFlavour,
  tgiFlavour,
  deepSeekFlavour,
];
