import { missingKeyError, type ParsedModelSpec, type ProviderDescriptor } from '../provider-descriptor.ts';
import {
  anthropicBaseUrl,
  anthropicDocumentedCapabilities,
  createAnthropicModel,
} from './anthropic-model.ts';

/** A parsed `anthropic:<model>` spec. */
export interface AnthropicModelSpec {
  readonly provider: 'anthropic';
  readonly modelId: string;
}

/** Environment variables that may hold an Anthropic key, in the order they are tried. */
export const anthropicKeyVariables = ['ANTHROPIC_API_KEY'] as const;

/** `anthropic:<model>`: the Messages API; a key is always needed. */
export const anthropicProvider: ProviderDescriptor<AnthropicModelSpec> = {
  name: 'anthropic',
  prefixes: ['anthropic'],
  modelPlaceholder: 'model',
  defaultEndpoint: anthropicBaseUrl,
  keyVariables: anthropicKeyVariables,
  keyRequired: true,
  wireFormat: 'anthropic',
  capabilities: {
    chat: true,
    ...anthropicDocumentedCapabilities,
    streamedUsage: true,
    toolCalls: true,
    prefill: true,
    thinking: true,
  },
  parse: (_prefix, model) => ({ provider: 'anthropic', modelId: model }),
  owns: (spec: ParsedModelSpec): spec is AnthropicModelSpec => spec.provider === 'anthropic',
  create(spec, options) {
    if (options.apiKey === undefined) throw missingKeyError(anthropicKeyVariables, 'anthropic:');
    return createAnthropicModel({
      now: options.now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      apiKey: options.apiKey,
      modelId: spec.modelId,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    });
  },
};
