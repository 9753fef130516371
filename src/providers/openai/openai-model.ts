import type { LanguageModel } from '../../spec/language-model.ts';
import { createOpenAIChatModel } from './openai-chat-model.ts';
import { displayUrl } from '../shared/display-url.ts';
import { createOpenAIClient, type OpenAIEndpointOptions } from './openai-client.ts';
import { toProviderError } from './openai-error.ts';
import { createOpenAICompletionsModel } from './openai-completions-model.ts';
import { createOpenAILogLikelihood } from './openai-log-likelihood.ts';
import { probeOpenAIEndpoint } from './openai-probe.ts';

/**
 * An OpenAI-compatible endpoint: generation through chat completions (`api: 'chat'`, the default) or the
 * legacy `/v1/completions` (`api: 'completions'`); log-likelihoods through `/v1/completions` with echo and
 * logprobs either way; `probe` finds out which of these the server really supports.
 */
export function createOpenAIModel(
  options: OpenAIEndpointOptions & { readonly api?: 'chat' | 'completions' },
): LanguageModel {
  const provider = options.provider ?? 'openai';
  const client = createOpenAIClient(options);
  const generator =
    options.api === 'completions' ? createOpenAICompletionsModel(options) : createOpenAIChatModel(options);
  const logLikelihood = createOpenAILogLikelihood({ ...options, provider, client });
  const chatModel = options.api === 'completions' ? createOpenAIChatModel(options) : generator;
  return {
    ...generator,
    logLikelihood,
    probe: (callOptions) =>
      probeOpenAIEndpoint({
        client,
        modelId: options.modelId,
        chatModel,
        logLikelihood,
        callOptions,
        toError: (error) =>
          toProviderError(error, { baseUrl: displayUrl(options.baseUrl), apiKey: options.apiKey, provider }),
      }),
  };
}
