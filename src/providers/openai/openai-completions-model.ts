import type { Completion, CompletionCreateParamsStreaming } from 'openai/resources/completions';
import type { GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents } from '../shared/parts-from-events.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import type { OpenAIRequestProfile } from './openai-request-profile.ts';
import { createOpenAILogLikelihood } from './openai-log-likelihood.ts';
import { malformed, openAIFinishReasons, readOpenAIChunkHeader } from './openai-stream-chunks.ts';
import { openAIStreamFields, openAIStreamingEndpoint, signalOptions } from './openai-stream-request.ts';
import { renderPrompt } from './render-prompt.ts';

/**
 * A LanguageModel over the legacy `/v1/completions` endpoint (raw text in, raw text out): the messages are
 * rendered as plain text (`renderPrompt`), the assistant prefix is appended and so prefilled
 * (`prefillApplied: true`, `text` is the continuation). Streams like the chat model; log-likelihoods through
 * `echo` + `logprobs`.
 */
export function createOpenAICompletionsModel(
  options: OpenAIEndpointOptions & { readonly profile?: OpenAIRequestProfile },
): LanguageModel {
  const { provider, baseUrl, client, opener, streaming } = openAIStreamingEndpoint(options);

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const { stream, rateLimit } = await opener.open({
      body: (fields): CompletionCreateParamsStreaming => ({
        model: options.modelId,
        prompt: renderPrompt(request),
        ...openAIStreamFields(request.parameters, fields),
      }),
      create: (body) => client.completions.create(body, signalOptions(context)),
      context,
    });
    let sawChunk = false;
    yield* partsFromEvents({
      events: stream as AsyncIterable<Completion>,
      context,
      stop: request.parameters.stop,
      read: (chunk) => {
        if (!chunk || !Array.isArray(chunk.choices)) {
          // After good chunks, a chunk of the wrong shape is a mangled stream: another attempt may be whole.
          throw malformed({
            provider,
            field: 'chunk without a "choices" array',
            baseUrl,
            isRetryable: sawChunk,
          });
        }
        sawChunk = true;
        const header = readOpenAIChunkHeader(chunk);
        const choice = chunk.choices[0];
        if (choice === undefined) return header;
        const text = typeof choice.text === 'string' ? [choice.text] : undefined;
        return { ...header, texts: text, finishReason: choice.finish_reason };
      },
      finishReasons: openAIFinishReasons,
      stopSequenceReason: 'stop',
      prefillApplied: Boolean(request.assistantPrefix),
      rateLimit,
    });
  }

  return {
    ...streamingModel({ ...streaming, streamParts }),
    logLikelihood: createOpenAILogLikelihood({ ...options, provider, client }),
  };
}
