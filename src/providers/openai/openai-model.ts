import type { GenerationParameters, LanguageModel, StreamPart } from '../../spec/language-model.ts';
import { ProviderError } from '../../spec/errors.ts';
import { createOpenAIChatModel } from './openai-chat-model.ts';
import { displayUrl } from '../shared/display-url.ts';
import { createOpenAIClient, sharedNodeHttpFetch, type OpenAIEndpointOptions } from './openai-client.ts';
import { discoverOpenAIContextWindow } from './openai-context-window.ts';
import { toProviderError } from './openai-error.ts';
import { createOpenAICompletionsModel } from './openai-completions-model.ts';
import { createOpenAILogLikelihood } from './openai-log-likelihood.ts';
import { probeOpenAIEndpoint } from './openai-probe.ts';
import { isResponsesOnlyModel, OpenAIRequestProfile } from './openai-request-profile.ts';
import { createOpenAIResponsesModel } from './openai-responses-model.ts';

/** Whether chat completions refused the model because it is served only by `/v1/responses`. */
export function isResponsesOnlyRefusal(error: unknown): boolean {
  return (
    error instanceof ProviderError &&
    (error.statusCode === 404 || error.statusCode === 400) &&
    /v1\/responses|responses api/i.test(error.message)
  );
}

/**
 * Chat completions, moving to the Responses API for good when the server says the model is served only there
 * ("This model is only supported in v1/responses and not in v1/chat/completions"), or at once for the
 * families known to be (o1-pro, o3-pro, gpt-5-pro, codex …).
 */
function chatOrResponses(chat: LanguageModel, responses: LanguageModel, startWithResponses: boolean) {
  let current = startWithResponses ? responses : chat;
  return {
    usesResponses: () => current === responses,
    model: {
      identity: chat.identity,
      async generate(request, callOptions) {
        const model = current;
        try {
          return await model.generate(request, callOptions);
        } catch (error) {
          if (model !== chat || !isResponsesOnlyRefusal(error)) throw error;
          current = responses;
          return await responses.generate(request, callOptions);
        }
      },
      async *stream(request, callOptions): AsyncGenerator<StreamPart> {
        const model = current;
        for await (const part of model.stream?.(request, callOptions) ?? []) {
          if (part.type === 'error' && model === chat && isResponsesOnlyRefusal(part.error)) {
            current = responses;
            yield* responses.stream?.(request, callOptions) ?? [];
            return;
          }
          yield part;
        }
      },
      close: async () => undefined,
    } satisfies LanguageModel,
  };
}

/**
 * The generation parameters this model's requests leave out, so the server's own values apply (#23 A; decision
 * 0100 for Anthropic): temperature and top_p for models that take only the default sampling (OpenAI's reasoning
 * models, `deepseek-reasoner`, or any model whose 400 said so), seed once refused or on the Responses API.
 */
export function openAIFixedParameters(
  profile: OpenAIRequestProfile,
  usesResponses: boolean,
): (keyof GenerationParameters)[] {
  return [
    ...(profile.sendsSampling ? [] : (['temperature', 'topP'] as const)),
    ...(profile.sendsSeed && !usesResponses ? [] : (['seed'] as const)),
  ];
}

/**
 * An OpenAI-compatible endpoint: generation through chat completions (`api: 'chat'`, the default, moving to
 * the Responses API for models served only there), the Responses API (`api: 'responses'`) or the legacy
 * `/v1/completions` (`api: 'completions'`); log-likelihoods through `/v1/completions` with echo and logprobs
 * either way; `probe` finds out which of these the server really supports and what the model accepts.
 */
export function createOpenAIModel(
  options: OpenAIEndpointOptions & { readonly api?: 'chat' | 'completions' | 'responses' },
): LanguageModel {
  const provider = options.provider ?? 'openai';
  const client = createOpenAIClient(options);
  // One profile per model: what a 400 taught one endpoint holds for the others.
  const profile = new OpenAIRequestProfile({ modelId: options.modelId, provider });
  const chat = createOpenAIChatModel({ ...options, profile });
  const responses = createOpenAIResponsesModel({ ...options, profile });
  const switching = chatOrResponses(
    chat,
    responses,
    options.api === 'responses' || (options.api !== 'completions' && isResponsesOnlyModel(options.modelId)),
  );
  const generator =
    options.api === 'completions' ? createOpenAICompletionsModel({ ...options, profile }) : switching.model;
  const logLikelihood = createOpenAILogLikelihood({ ...options, provider, client });
  return {
    ...generator,
    // What the profile leaves out: known for reasoning families up front, learned from a 400 otherwise.
    get fixedParameters() {
      return openAIFixedParameters(profile, switching.usesResponses());
    },
    logLikelihood,
    contextWindow: (callOptions) =>
      discoverOpenAIContextWindow({
        baseUrl: options.baseUrl,
        modelId: options.modelId,
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        fetch: options.fetch ?? sharedNodeHttpFetch(),
        callOptions,
      }),
    probe: (callOptions) =>
      probeOpenAIEndpoint({
        client,
        modelId: options.modelId,
        chatModel: switching.model,
        logLikelihood,
        callOptions,
        profile,
        usesResponses: switching.usesResponses,
        toError: (error) =>
          toProviderError(error, { baseUrl: displayUrl(options.baseUrl), apiKey: options.apiKey, provider }),
      }),
  };
}
