import type {
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import { ProviderError, type RateLimitState } from '../../spec/errors.ts';
import { parseRateLimitHeaders } from '../shared/rate-limit-headers.ts';
import type {
  FinishReason,
  GenerateRequest,
  LanguageModel,
  StreamPart,
  Usage,
} from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { finiteNumber } from '../shared/finite-number.ts';
import { partsFromEvents, type EventReading } from '../shared/parts-from-events.ts';
import { providerErrorKind } from '../shared/provider-error-mapping.ts';
import { streamingModel, type StreamContext } from '../shared/streaming-model.ts';
import type { OpenAIEndpointOptions } from './openai-client.ts';
import { OpenAIRequestProfile } from './openai-request-profile.ts';
import { malformed } from './openai-stream-chunks.ts';
import { openAIStreamingEndpoint, tokenBudget } from './openai-stream-request.ts';

/** The Responses API takes no `max_output_tokens` below 16. */
export const minimumOutputTokens = 16;

/** Our names for how a response ended: `response.completed`, or `response.incomplete` with its reason. */
const responsesFinishReasons: Readonly<Record<string, FinishReason>> = {
  completed: 'stop',
  max_output_tokens: 'length',
  content_filter: 'content-filter',
  stop: 'stop',
};

/** Usage of a Responses API response; fields it did not report stay undefined. */
export function mapResponsesUsage(usage: ResponseUsage | null | undefined): Usage {
  return {
    inputTokens: finiteNumber(usage?.input_tokens),
    cachedInputTokens: finiteNumber(usage?.input_tokens_details?.cached_tokens),
    outputTokens: finiteNumber(usage?.output_tokens),
    reasoningTokens: finiteNumber(usage?.output_tokens_details?.reasoning_tokens),
  };
}

/**
 * A LanguageModel over OpenAI's Responses API (`POST /v1/responses`, streamed), for models that chat
 * completions refuse (o1-pro, o3-pro, gpt-5-pro, codex …). From the `openai` SDK's types
 * (resources/responses/responses.d.ts): system messages become `instructions`, the others `input` messages;
 * the budget is `max_output_tokens` (at least 16; visible plus reasoning tokens, so a reasoning model gets its
 * allowance on top); `reasoning.effort`; no `stop` (applied on our side) and no `seed`. Events read:
 * `response.output_text.delta`, `response.reasoning_text.delta` / `response.reasoning_summary_text.delta`,
 * `response.completed` / `response.incomplete` (usage, with cached and reasoning tokens), and
 * `response.failed` / `error`, which become errors.
 */
export function createOpenAIResponsesModel(
  options: OpenAIEndpointOptions & { readonly profile?: OpenAIRequestProfile },
): LanguageModel {
  const profile =
    options.profile ??
    new OpenAIRequestProfile({ modelId: options.modelId, provider: options.provider ?? 'openai' });
  const { provider, baseUrl, client, streaming } = openAIStreamingEndpoint({ ...options, profile });

  function body(request: GenerateRequest): ResponseCreateParamsStreaming {
    const system = request.messages.filter((message) => message.role === 'system');
    const input = request.messages
      .filter((message) => message.role !== 'system')
      .map((message) => ({ role: message.role, content: message.content }) as ResponseInputItem);
    const budget = tokenBudget(request.parameters, profile);
    const { temperature, topP, reasoningEffort } = request.parameters;
    return {
      model: options.modelId,
      input,
      stream: true,
      store: false,
      ...definedFields({
        instructions: system.length > 0 ? system.map((message) => message.content).join('\n\n') : undefined,
        max_output_tokens: budget === undefined ? undefined : Math.max(minimumOutputTokens, budget),
        temperature: profile.sendsSampling ? temperature : undefined,
        top_p: profile.sendsSampling ? topP : undefined,
        reasoning: reasoningEffort === undefined ? undefined : { effort: reasoningEffort },
        // Structured Outputs on the Responses API: `text.format` (responses.d.ts ResponseFormatTextJSONSchemaConfig).
        text:
          request.responseSchema === undefined
            ? undefined
            : {
                format: {
                  type: 'json_schema',
                  name: request.responseSchema.name,
                  schema: request.responseSchema.schema,
                  strict: true,
                },
              },
      }),
    } as ResponseCreateParamsStreaming;
  }

  async function* streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart> {
    const requestOptions = context.signal ? { signal: context.signal } : undefined;
    let stream: AsyncIterable<ResponseStreamEvent> | undefined;
    let rateLimit: RateLimitState | undefined;
    for (let attempt = 0; stream === undefined; attempt++) {
      const sent = body(request);
      context.exchange.request = sent;
      try {
        const { data, response } = await client.responses.create(sent, requestOptions).withResponse();
        stream = data;
        rateLimit = parseRateLimitHeaders(response.headers);
      } catch (error) {
        if (
          attempt < 3 &&
          !context.signal?.aborted &&
          profile.adaptTo(error, sent as unknown as Record<string, unknown>)
        )
          continue;
        throw error;
      }
    }
    const failure = (message: string, code: string | null | undefined) => {
      const kind = providerErrorKind({ status: undefined, text: `${message} ${code ?? ''}` });
      return new ProviderError({
        provider,
        message: `response failed at ${baseUrl}: ${message}${code ? ` (${code})` : ''}`,
        // A server error may pass; a refusal of the request (invalid_prompt …) will not.
        isRetryable:
          kind === undefined && (code === null || code === undefined || /server_error|rate_limit/.test(code)),
        ...(kind ? { kind } : {}),
      });
    };
    const read = (event: ResponseStreamEvent): EventReading => {
      if (!event || typeof event !== 'object' || typeof event.type !== 'string') {
        throw malformed({ provider, field: 'event without a "type"', baseUrl });
      }
      switch (event.type) {
        case 'response.created':
          return { responseId: event.response?.id };
        case 'response.output_text.delta':
          return { texts: [event.delta] };
        case 'response.reasoning_text.delta':
        case 'response.reasoning_summary_text.delta':
          profile.learnReasoning();
          return { reasoningTexts: [event.delta] };
        case 'response.completed':
        case 'response.incomplete': {
          const usage = mapResponsesUsage(event.response?.usage);
          if ((usage.reasoningTokens ?? 0) > 0) profile.learnReasoning();
          const reason =
            event.type === 'response.completed'
              ? 'completed'
              : (event.response?.incomplete_details?.reason ?? 'max_output_tokens');
          return { responseId: event.response?.id, usage, finishReason: reason, isLast: true };
        }
        case 'response.failed': {
          const error = event.response?.error;
          throw failure(error?.message ?? 'no message', error?.code);
        }
        case 'error':
          throw failure(event.message, event.code);
        default:
          return {};
      }
    };
    yield* partsFromEvents({
      events: stream,
      context,
      stop: request.parameters.stop,
      read,
      finishReasons: responsesFinishReasons,
      stopSequenceReason: 'stop',
      prefillApplied: false,
      rateLimit,
    });
  }

  return streamingModel({ ...streaming, streamParts });
}
