import type OpenAI from 'openai';
import type { Completion, CompletionCreateParamsNonStreaming } from 'openai/resources/completions';
import { ProviderError } from '../../spec/errors.ts';
import type { CallOptions, LogLikelihoodRequest, LogLikelihoodResult } from '../../spec/language-model.ts';
import { deadlineError, startCallDeadline } from '../shared/call-deadline.ts';
import { displayUrl } from '../shared/display-url.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import { toProviderError } from './openai-error.ts';

interface ScoredContinuation {
  readonly logLikelihood: number;
  readonly isGreedy: boolean | undefined;
  readonly promptTokens: number | undefined;
  readonly body: CompletionCreateParamsNonStreaming;
  readonly response: Completion;
}

/**
 * Log-likelihoods through `/v1/completions` with `echo: true, logprobs: 1, max_tokens: 1` (lm-eval's
 * `local-completions` request): one request per continuation, on `context + continuation`. The continuation's
 * tokens are those whose `text_offset` is at or after the end of the context, up to the end of the prompt
 * (a token that straddles the boundary counts as the continuation's). Servers that do not echo the prompt's
 * log-probabilities fail with a non-retryable ProviderError naming the missing field.
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
    let start = textOffset.findIndex(
      (offset, index) => offset + (tokens[index]?.length ?? 0) > context.length,
    );
    if (start < 1) start = start === -1 ? tokens.length : 1;
    let end = textOffset.findIndex((offset) => offset >= prompt.length);
    if (end === -1) end = tokens.length;
    if (end <= start) throw missing('no tokens after the context');
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
    const promptTokens = response.usage?.prompt_tokens;
    return { logLikelihood: sum, isGreedy, promptTokens, body, response };
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
      const inputs = scored.map((entry) => entry.promptTokens);
      const inputTokens = inputs.every((value) => typeof value === 'number')
        ? inputs.reduce<number>((total, value) => total + (value ?? 0), 0)
        : undefined;
      return {
        logLikelihoods: scored.map((entry) => entry.logLikelihood),
        ...(greedy.every((value) => value !== undefined) ? { isGreedy: greedy as boolean[] } : {}),
        usage: inputTokens === undefined ? {} : { inputTokens },
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
