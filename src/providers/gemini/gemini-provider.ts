import { missingKeyError, type ParsedModelSpec, type ProviderDescriptor } from '../provider-descriptor.ts';
import { createGeminiModel, geminiBaseUrl, geminiDocumentedCapabilities } from './gemini-model.ts';

/** A parsed `gemini:<model>` spec. */
export interface GeminiModelSpec {
  readonly provider: 'gemini';
  readonly modelId: string;
}

/** Environment variables that may hold a Gemini key, in the order they are tried. */
export const geminiKeyVariables = ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] as const;

/** `gemini:<model>`: the Gemini API (generateContent); a key is always needed. */
export const geminiProvider: ProviderDescriptor<GeminiModelSpec> = {
  name: 'gemini',
  prefixes: ['gemini'],
  modelPlaceholder: 'model',
  defaultEndpoint: geminiBaseUrl,
  keyVariables: geminiKeyVariables,
  keyRequired: true,
  wireFormat: 'gemini',
  capabilities: {
    chat: true,
    ...geminiDocumentedCapabilities,
    streamedUsage: true,
    toolCalls: true,
    prefill: false,
    thinking: true,
  },
  parse: (_prefix, model) => ({ provider: 'gemini', modelId: model }),
  owns: (spec: ParsedModelSpec): spec is GeminiModelSpec => spec.provider === 'gemini',
  create(spec, options) {
    if (options.apiKey === undefined) throw missingKeyError(geminiKeyVariables, 'gemini:');
    return createGeminiModel({
      now: options.now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      apiKey: options.apiKey,
      modelId: spec.modelId,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    });
  },
};
