import type { Completion, CompletionCreateParamsStreaming } from 'openai/resources/completions';
import type { GenerateRequest, LanguageModel, StreamPart, Usage } from '../../spec/language-model.ts';
import { splitStopSequences, StopScanner } from '../shared/stop-sequences.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import { malformed, mapOpenAIUsage, openAIFinishReasons, openAIStopLimit } from './openai-chat-model.ts';
import { createOpenAIClient, displayUrl, type OpenAIEndpointOptions } from './openai-client.ts';
import { createOpenAILogLikelihood } from './openai-log-likelihood.ts';
import { rejectsStreamOptions, toProviderError } from './openai-error.ts';
import { renderPrompt } from './render-prompt.ts';

/**
 * A LanguageModel over the legacy `/v1/completions` endpoint (raw text in, raw text out): the messages are
 * rendered as plain text (`renderPrompt`), the assistant prefix is appended and so prefilled
 * (`prefillApplied: true`, `text` is the continuation). Streams like the chat model; log-likelihoods through
 * `echo` + `logprobs`.
 */
export function createOpenAICompletionsModel(options: OpenAIEndpointOptions): LanguageModel {
  const provider = options.provider ?? 'openai';
  const baseUrl = displayUrl(options.baseUrl);
  const client = createOpenAIClient(options);
  let sendStreamOptions = true;

  function requestBody(request: GenerateRequest): CompletionCreateParamsStreaming {
    const parameters = request.parameters;
    const body: CompletionCreateParamsStreaming = {
      model: options.modelId,
      prompt: renderPrompt(request),
      stream: true,
    };
    if (sendStreamOptions) body.stream_options = { include_usage: true };
    if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
    if (parameters.topP !== undefined) body.top_p = parameters.topP;
    if (parameters.maxTokens !== undefined) body.max_tokens = parameters.maxTokens;
    const stops = splitStopSequences(parameters.stop, { serverLimit: openAIStopLimit });
    if (stops.server) body.stop = stops.server;
    if (parameters.seed !== undefined) body.seed = parameters.seed;
    return body;
  }

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const requestOptions = context.signal ? { signal: context.signal } : undefined;
    let body = requestBody(request);
    context.exchange.request = body;
    let stream;
    try {
      stream = await client.completions.create(body, requestOptions);
    } catch (error) {
      if (!sendStreamOptions || !rejectsStreamOptions(error)) throw error;
      sendStreamOptions = false;
      body = requestBody(request);
      context.exchange.request = body;
      stream = await client.completions.create(body, requestOptions);
    }
    const scanner = new StopScanner(splitStopSequences(request.parameters.stop, { serverLimit: 0 }).client);
    let finish: string | undefined;
    let usage: Usage = {};
    let responseId: string | undefined;
    for await (const chunk of stream as AsyncIterable<Completion>) {
      context.exchange.events.push(chunk);
      if (!chunk || !Array.isArray(chunk.choices)) {
        throw malformed({ provider, field: 'chunk without a "choices" array', baseUrl });
      }
      if (responseId === undefined && typeof chunk.id === 'string') responseId = chunk.id;
      if (chunk.usage) usage = mapOpenAIUsage(chunk.usage);
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      if (typeof choice.text === 'string' && choice.text.length > 0) {
        const { delta, stopped } = scanner.push(choice.text);
        if (delta) yield { type: 'text-delta', text: delta, atMs: context.elapsedMs() };
        if (stopped) {
          finish = 'stop';
          break;
        }
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (context.signal?.aborted) return;
    const rest = scanner.flush();
    if (rest) yield { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
    if (finish === undefined) return;
    yield {
      type: 'finish',
      finishReason: openAIFinishReasons[finish] ?? 'other',
      usage,
      atMs: context.elapsedMs(),
      prefillApplied: Boolean(request.assistantPrefix),
      ...(responseId === undefined ? {} : { responseId }),
    };
  }

  const identity = { provider, endpoint: baseUrl, modelId: options.modelId };
  const streaming = streamingModel({
    identity,
    now: options.now,
    target: baseUrl,
    streamParts,
    toProviderError: (error) => toProviderError(error, { baseUrl, apiKey: options.apiKey, provider }),
  });
  return {
    identity,
    generate: streaming.generate,
    stream: streaming.stream,
    logLikelihood: createOpenAILogLikelihood({ ...options, provider, client }),
    async close() {},
  };
}
