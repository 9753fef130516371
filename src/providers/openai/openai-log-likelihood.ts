import type OpenAI from 'openai';
import type { Completion, CompletionCreateParamsNonStreaming } from 'openai/resources/completions';
import { ProviderError } from '../../spec/errors.ts';
import type {
  CallOptions,
  LogLikelihoodRequest,
  LogLikelihoodResult,
  Usage,
} from '../../spec/language-model.ts';
import { mapOpenAIUsage } from './openai-stream-chunks.ts';
import { deadlineError, startCallDeadline } from '../shared/call-deadline.ts';
import { displayUrl } from '../shared/display-url.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import { toProviderError } from './openai-error.ts';

/**
 * The tokens covering characters [from, to) of a text of `textLength` characters, with the tokens' decoded
 * text aligned to the text at its end (a token that straddles `from` counts as inside, one that starts at or
 * after `to` does not).
 */
export function continuationWindow(options: {
  tokens: readonly string[];
  textLength: number;
  from: number;
  to: number;
}): { start: number; end: number } {
  let position = options.textLength;
  let start = options.tokens.length;
  let end = options.tokens.length;
  for (let index = options.tokens.length - 1; index >= 0; index--) {
    const tokenEnd = position;
    position -= options.tokens[index]?.length ?? 0;
    if (position >= options.to) end = index;
    if (tokenEnd > options.from && position < options.to) start = index;
    if (position <= options.from) break;
  }
  return { start, end: Math.max(start, end) };
}

interface ScoredContinuation {
  readonly logLikelihood: number;
  readonly isGreedy: boolean | undefined;
  readonly usage: Usage;
  readonly body: CompletionCreateParamsNonStreaming;
  readonly response: Completion;
}

/**
 * Log-likelihoods through `/v1/completions` with `echo: true, logprobs: 1, max_tokens: 1` (lm-eval's
 * `local-completions` request): one request per continuation, on `context + continuation`. The continuation's
 * tokens are the last echoed prompt tokens (before the generated one, `usage.completion_tokens`) whose text
 * covers the continuation (a token that straddles the boundary counts as the continuation's), so a BOS token
 * echoed first (vLLM with Llama, Mistral or Gemma tokenizers) does not shift the window. Servers that do not
 * echo the prompt's log-probabilities fail with a non-retryable ProviderError naming the missing field.
 */
export function createOpenAILogLikelihood(
  options: OpenAIEndpointOptions & { provider: string; client: OpenAI },
): (request: LogLikelihoodRequest, callOptions: CallOptions) => Promise<LogLikelihoodResult> {
  const { provider, client } = options;
  const baseUrl = displayUrl(options.baseUrl);
  const missing = (field: string) =>
    new ProviderError({
      provider,
      message: `${baseUrl} gave no prompt log-probabilities (${field}); it does not support echo with logprobs on /v1/completions`,
      isRetryable: false,
    });

  async function scoreOne(
    context: string,
    continuation: string,
    signal: AbortSignal | undefined,
  ): Promise<ScoredContinuation> {
    const prompt = context + continuation;
    const body: CompletionCreateParamsNonStreaming = {
      model: options.modelId,
      prompt,
      max_tokens: 1,
      temperature: 0,
      logprobs: 1,
      echo: true,
    };
    const response = await client.completions.create(body, signal ? { signal } : undefined);
    const logprobs = response.choices?.[0]?.logprobs;
    if (!logprobs) throw missing('choices[0].logprobs');
    const { tokens, token_logprobs: tokenLogprobs, text_offset: textOffset } = logprobs;
    if (!Array.isArray(tokens) || !Array.isArray(tokenLogprobs) || !Array.isArray(textOffset)) {
      throw missing('tokens, token_logprobs, text_offset');
    }
    // The continuation is located by aligning the echoed tokens with the text at its end, not by
    // `text_offset`: vLLM echoes the BOS token first ("<s>", "<|begin_of_text|>") and counts offsets from it,
    // and decoded token lengths may drift from the prompt's characters; the last tokens are exact.
    const echoedText = response.choices?.[0]?.text;
    const generatedLength =
      typeof echoedText === 'string' && echoedText.startsWith(prompt) ? echoedText.length - prompt.length : 0;
    const promptEnd = prompt.length + generatedLength;
    const { start, end } = continuationWindow({
      tokens: tokens.map((token) => String(token ?? '')),
      textLength: promptEnd,
      from: context.length,
      to: prompt.length,
    });
    if (end <= start || start < 1) throw missing('no tokens after the context');
    let sum = 0;
    let isGreedy: boolean | undefined = true;
    for (let index = start; index < end; index++) {
      const value = tokenLogprobs[index];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw missing(`token_logprobs[${index}]`);
      sum += value;
      const top = logprobs.top_logprobs?.[index];
      if (!top || typeof top !== 'object') isGreedy = undefined;
      else if (isGreedy !== undefined) {
        const best = Object.entries(top).sort((first, second) => second[1] - first[1])[0];
        if (best === undefined || best[0] !== tokens[index]) isGreedy = false;
      }
    }
    return { logLikelihood: sum, isGreedy, usage: mapOpenAIUsage(response.usage), body, response };
  }

  return async (request, callOptions) => {
    const deadline = startCallDeadline(callOptions);
    const startMs = options.now();
    try {
      const scored: ScoredContinuation[] = [];
      // One at a time: the runner's concurrency already bounds the load on the server.
      for (const continuation of request.continuations) {
        scored.push(await scoreOne(request.context, continuation, deadline.signal));
      }
      const greedy = scored.map((entry) => entry.isGreedy);
      // Each field summed over the requests, when every request reported it; else unknown, never a partial sum.
      const usage: Record<string, number> = {};
      for (const field of ['inputTokens', 'cachedInputTokens', 'outputTokens', 'reasoningTokens'] as const) {
        const values = scored.map((entry) => entry.usage[field]);
        if (values.every((value) => value !== undefined)) {
          usage[field] = values.reduce<number>((total, value) => total + (value ?? 0), 0);
        }
      }
      return {
        logLikelihoods: scored.map((entry) => entry.logLikelihood),
        ...(greedy.every((value) => value !== undefined) ? { isGreedy: greedy as boolean[] } : {}),
        usage,
        timing: { totalMs: options.now() - startMs },
        raw: {
          request: scored.map((entry) => entry.body),
          response: scored.map((entry) => entry.response),
        },
      };
    } catch (error) {
      if (deadline.firedBy !== undefined) {
        throw deadlineError({ deadline, callOptions, provider, target: baseUrl });
      }
      throw toProviderError(error, { baseUrl, apiKey: options.apiKey, provider });
    } finally {
      deadline.dispose();
    }
  };
}
