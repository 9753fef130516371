import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../spec/errors.ts';
import { encodeToolCalls, type ToolCall } from '../../spec/tool-calls.ts';
import type { GenerateRequest, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import type { OpenAIRequestProfile } from './openai-request-profile.ts';
import { openAIResponseFormat, schemaRefusal } from './openai-response-format.ts';
import { schemaRefusalParts } from '../shared/schema-refusal.ts';
import { malformed, openAIFinishReasons, readOpenAIChunkHeader } from './openai-stream-chunks.ts';
import { addOpenAIStreamFields, openAIStreamingEndpoint, signalOptions } from './openai-stream-request.ts';
import { leanStreamRequest } from './openai-lean-stream.ts';
import { chatBodyJson, chatWireMessages } from './openai-chat-body.ts';

export type OpenAIChatModelOptions = OpenAIEndpointOptions & {
  /** What the model accepts; shared with the other models of the same endpoint and model id. */
  readonly profile?: OpenAIRequestProfile;
};

/**
 * Reasoning text in a chunk's delta: `reasoning_content` (vLLM's reasoning parsers, DeepSeek, llama.cpp
 * `--reasoning-format deepseek`) or `reasoning` (Ollama, openai/openai.go `Delta.Reasoning`; newer vLLM).
 */
function reasoningText(delta: unknown): string | undefined {
  if (!delta || typeof delta !== 'object') return undefined;
  const record = delta as Record<string, unknown>;
  for (const value of [record.reasoning_content, record.reasoning]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A LanguageModel over an OpenAI-compatible chat-completions endpoint, through parity's lean streaming client
 * (openai-lean-stream.ts; the official SDK when a fetch is given), with no retries of its own (the runner retries). Always streams, to measure time to first token and the gaps between
 * chunks. At most 4 stop strings go to the server (OpenAI's limit), none to a reasoning model; all are
 * applied client-side too. Reasoning text (`reasoning_content`/`reasoning`) streams as `reasoning-delta`
 * parts and marks the model as a reasoning model. `assistantPrefix` cannot be prefilled on chat completions,
 * so results say `prefillApplied: false`. A stream that ends without a finish reason counts as cut off
 * (retryable); so does a chunk of the wrong shape after good ones (a mangled stream).
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): LanguageModel {
  const { provider, baseUrl, client, opener, streaming } = openAIStreamingEndpoint(options);
  const { profile } = opener;
  const chatPath = { baseUrl: options.baseUrl, apiKey: options.apiKey, path: '/chat/completions' };

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    let opened;
    try {
      opened = await opener.open({
        body: (fields) => {
          const body = addOpenAIStreamFields(
            {
              model: options.modelId,
              messages: chatWireMessages(request.messages) as ChatCompletionMessageParam[],
            },
            request.parameters,
            fields,
          );
          if (request.responseSchema !== undefined)
            Object.assign(body, openAIResponseFormat(request.responseSchema));
          if (request.tools !== undefined && request.tools.length > 0) {
            body.tools = request.tools.map((tool) => ({
              type: 'function',
              function: { name: tool.name, description: tool.description, parameters: tool.parameters },
            }));
          }
          return body as unknown as ChatCompletionCreateParamsStreaming;
        },
        // Parity's own lean client unless the caller brought a fetch of its own (the SDK then uses it).
        create: (body) =>
          options.fetch === undefined
            ? leanStreamRequest<ChatCompletionChunk>(
                chatPath,
                // The body's JSON, with the turns it shares with earlier requests as bytes kept from them.
                chatBodyJson(body, request.messages),
                context.deadline ?? signalOptions(context),
              )
            : client.chat.completions.create(body, signalOptions(context)),
        context,
      });
    } catch (error) {
      const refusal = request.responseSchema === undefined ? undefined : schemaRefusal(error);
      if (refusal === undefined) throw error;
      // The endpoint refused the schema: an answer of its own (finish reason 'error', no text), not a failure.
      yield* schemaRefusalParts(refusal, context);
      return;
    }
    const { stream, rateLimit } = opened;
    // What this request was sent with (a concurrent one may have changed the profile since).
    const sent = (context.exchange.request ?? {}) as Record<string, unknown>;
    const sentStop = Array.isArray(sent.stop);
    const sentBudget = sent.max_tokens ?? sent.max_completion_tokens;
    // Only the answer budget went out, and not because the caller asked for no thinking budget.
    const sentAnswerBudgetOnly =
      sentBudget !== undefined &&
      sentBudget === request.parameters.maxTokens &&
      request.parameters.reasoningAllowanceTokens === undefined;
    let sawChoice = false;
    let sawChunk = false;
    let sawReasoning = false;
    let sawContent = false;
    let finishReason: string | null | undefined;
    // Streamed tool calls by index: the first delta names the function, later ones add argument text
    // (platform.openai.com/docs/guides/function-calling, "Streaming").
    const toolCalls = new Map<number, { name: string; arguments: string }>();
    let toolCallsSent = false;
    const shapeError = (field: string) =>
      // After good chunks, a chunk of the wrong shape is a mangled stream: another attempt may be whole.
      malformed({ provider, field, baseUrl, isRetryable: sawChunk });
    const read = (chunk: ChatCompletionChunk): EventReading => {
      if (!chunk || typeof chunk !== 'object') throw shapeError('chunk is not an object');
      const choices = chunk.choices as ChatCompletionChunk['choices'] | undefined;
      if (!Array.isArray(choices)) throw shapeError('chunk without a "choices" array');
      const header = readOpenAIChunkHeader(chunk);
      if ((header.usage?.reasoningTokens ?? 0) > 0) profile.learnReasoning();
      sawChunk = true;
      const choice = choices[0];
      if (choice === undefined) return header;
      sawChoice = true;
      const content: unknown = choice.delta?.content;
      if (content !== undefined && content !== null && typeof content !== 'string') {
        throw shapeError('"choices[0].delta.content" is not a string');
      }
      const reasoning = reasoningText(choice.delta);
      if (reasoning !== undefined) {
        sawReasoning = true;
        profile.learnReasoning();
      }
      if (typeof content === 'string' && content !== '') sawContent = true;
      const deltas: unknown = (choice.delta as { tool_calls?: unknown } | undefined)?.tool_calls;
      if (Array.isArray(deltas)) {
        for (const [position, delta] of deltas.entries()) {
          const record = (delta ?? {}) as {
            index?: unknown;
            function?: { name?: unknown; arguments?: unknown };
          };
          const index = typeof record.index === 'number' ? record.index : position;
          const call = toolCalls.get(index) ?? { name: '', arguments: '' };
          if (typeof record.function?.name === 'string') call.name += record.function.name;
          if (typeof record.function?.arguments === 'string') call.arguments += record.function.arguments;
          toolCalls.set(index, call);
        }
        sawContent = true;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const texts = typeof content === 'string' ? [content] : [];
      if (choice.finish_reason && toolCalls.size > 0 && !toolCallsSent) {
        // The calls go at the end of the text (spec/tool-calls.ts), in index order.
        toolCallsSent = true;
        const calls: ToolCall[] = [...toolCalls].sort(([a], [b]) => a - b).map(([, call]) => call);
        texts.push(encodeToolCalls(calls));
      }
      // Fields named one by one: spreading `header` (whose shape varies) costs more than the rest of `read`.
      return {
        responseId: header.responseId,
        usage: header.usage,
        texts,
        reasoningTexts: reasoning === undefined ? undefined : [reasoning],
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
        if (sawReasoning && !sawContent && sentStop && finishReason === 'stop') {
          // vLLM matches stop strings inside the reasoning text (its open issues): the answer never came.
          // From now on stop strings are applied on our side only; this request is sent again.
          throw new ProviderError({
            provider,
            message: `${baseUrl} ended the answer at a stop string inside the model's reasoning; sending again with stop strings applied by parity`,
            isRetryable: true,
            retryAfterMs: 0,
          });
        }
        if (sawReasoning && !sawContent && sentAnswerBudgetOnly && finishReason === 'length') {
          // The first sign that the model reasons: it thought through the visible-answer budget. From now on
          // it gets the reasoning allowance on top; this request is sent again.
          throw new ProviderError({
            provider,
            message: `${baseUrl} spent the answer budget on the model's reasoning; sending again with a reasoning allowance`,
            isRetryable: true,
            retryAfterMs: 0,
          });
        }
      },
      finishReasons: openAIFinishReasons,
      stopSequenceReason: 'stop',
      prefillApplied: false,
      rateLimit,
    });
  }

  return streamingModel({ ...streaming, streamParts, toolCalling: true });
}
