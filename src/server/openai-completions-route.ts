import type { ServerResponse } from 'node:http';
import type { LocalCompletionRequest } from '../providers/local/local-completion.ts';
import type { FinishReason, Usage } from '../spec/index.ts';
import {
  eventData,
  HttpError,
  openAIFinishReasons,
  sendJson,
  startEventStream,
  usageJson,
  type OpenAIRouteContext,
} from './openai-http.ts';
import { stopList, type CompletionBody } from './openai-request-schemas.ts';

/** The engine's raw-completion request for one prompt of a completions body (default 16 tokens, as OpenAI). */
function completionRequest(body: CompletionBody, prompt: string): LocalCompletionRequest {
  const stop = stopList(body.stop);
  return {
    prompt,
    maxTokens: body.max_tokens ?? 16,
    ...(body.temperature == null ? {} : { temperature: body.temperature }),
    ...(body.top_p == null ? {} : { topP: body.top_p }),
    ...(body.seed == null ? {} : { seed: body.seed }),
    ...(stop ? { stop } : {}),
  };
}

/**
 * `POST /v1/completions`: streamed (a single prompt), or one JSON response for one or more prompts, with
 * `echo` and `logprobs` (the prompt's own tokens scored too when echoed).
 */
export async function serveCompletion(
  route: OpenAIRouteContext,
  body: CompletionBody,
  response: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const { model } = route;
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  const id = route.nextId('cmpl');
  const created = Math.floor(route.nowSeconds());
  const base = { id, object: 'text_completion', created, model: body.model ?? route.modelId };
  if (body.stream) {
    if (prompts.length !== 1) throw new HttpError(400, 'streaming takes a single prompt');
    startEventStream(response);
    const write = (choice: Record<string, unknown>) =>
      response.write(eventData({ ...base, choices: [{ index: 0, logprobs: null, ...choice }] }));
    const result = await model.complete(
      {
        ...completionRequest(body, prompts[0] ?? ''),
        onText: (delta) => write({ text: delta, finish_reason: null }),
      },
      { signal },
    );
    write({ text: '', finish_reason: openAIFinishReasons[result.finishReason] });
    if (body.stream_options?.include_usage) {
      response.write(eventData({ ...base, choices: [], usage: usageJson(result.usage) }));
    }
    response.end('data: [DONE]\n\n');
    return;
  }
  const choices = [];
  const usage = { inputTokens: 0, outputTokens: 0 };
  for (const [index, prompt] of prompts.entries()) {
    const request = completionRequest(body, prompt);
    const result =
      request.maxTokens === 0
        ? { text: '', finishReason: 'length' as FinishReason, usage: {} as Usage }
        : await model.complete(request, { signal });
    const fullText = prompt + result.text;
    let logprobs: unknown = null;
    if (body.logprobs != null) {
      const scored = await model.scoreText(fullText, { signal });
      // Without echo only the generated tokens are reported.
      const keep = scored.textOffsets.map((offset) => body.echo === true || offset >= prompt.length);
      const pick = <T>(values: T[]) => values.filter((_value, position) => keep[position]);
      logprobs = {
        tokens: pick(scored.tokens),
        token_logprobs: pick(scored.tokenLogprobs),
        top_logprobs: pick(scored.topLogprobs),
        text_offset: pick(scored.textOffsets),
      };
      usage.inputTokens += scored.tokens.filter(
        (_token, position) => (scored.textOffsets[position] ?? 0) < prompt.length,
      ).length;
    } else {
      usage.inputTokens += result.usage.inputTokens ?? 0;
    }
    usage.outputTokens += result.usage.outputTokens ?? 0;
    choices.push({
      index,
      text: body.echo ? fullText : result.text,
      logprobs,
      finish_reason: openAIFinishReasons[result.finishReason],
    });
  }
  sendJson(response, 200, { ...base, choices, usage: usageJson(usage) });
}
