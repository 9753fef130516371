import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import { malformed, openAIFinishReasons, readOpenAIChunkHeader } from './openai-stream-chunks.ts';
import { openAIStreamFields, openAIStreamingEndpoint } from './openai-stream-request.ts';

export type OpenAIChatModelOptions = OpenAIEndpointOptions;

/**
 * A LanguageModel over an OpenAI-compatible chat-completions endpoint, through the official SDK with its
 * retries off (the runner retries). Always streams, to measure time to first token and the gaps between
 * chunks. At most 4 stop strings go to the server (OpenAI's limit); all are applied client-side too, and the
 * stream is dropped once one is seen. `assistantPrefix` cannot be prefilled on chat completions, so results
 * say `prefillApplied: false`. A stream that ends without a finish reason counts as cut off (retryable).
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): LanguageModel {
  const { provider, baseUrl, client, opener, streaming } = openAIStreamingEndpoint(options);

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const stream = await opener.open({
      body: (fields): ChatCompletionCreateParamsStreaming => ({
        model: options.modelId,
        messages: request.messages.map((message) => ({
          role: message.role,
          content: message.content,
        })) as ChatCompletionMessageParam[],
        ...openAIStreamFields(request.parameters, fields),
      }),
      create: (body, requestOptions) => client.chat.completions.create(body, requestOptions),
      context,
    });
    let sawChoice = false;
    const read = (chunk: ChatCompletionChunk): EventReading => {
      if (!chunk || typeof chunk !== 'object')
        throw malformed({ provider, field: 'chunk is not an object', baseUrl });
      const choices = chunk.choices as ChatCompletionChunk['choices'] | undefined;
      if (!Array.isArray(choices))
        throw malformed({ provider, field: 'chunk without a "choices" array', baseUrl });
      const header = readOpenAIChunkHeader(chunk);
      const choice = choices[0];
      if (choice === undefined) return header;
      sawChoice = true;
      const content: unknown = choice.delta?.content;
      if (content !== undefined && content !== null && typeof content !== 'string') {
        throw malformed({ provider, field: '"choices[0].delta.content" is not a string', baseUrl });
      }
      return {
        ...header,
        texts: typeof content === 'string' ? [content] : undefined,
        finishReason: choice.finish_reason,
      };
    };
    yield* partsFromEvents({
      events: stream,
      context,
      stop: request.parameters.stop,
      read,
      checkComplete: () => {
        if (!sawChoice) throw malformed({ provider, field: 'response has no "choices"', baseUrl });
      },
      finishReasons: openAIFinishReasons,
      stopSequenceReason: 'stop',
      prefillApplied: false,
    });
  }

  return streamingModel({ ...streaming, streamParts });
}
