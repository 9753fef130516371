import { InputError } from '../../spec/errors.ts';
import { missingKeyError, type ParsedModelSpec, type ProviderDescriptor } from '../provider-descriptor.ts';
import { openAIPresets, type OpenAIPreset } from '../provider-presets.ts';
import { createOpenAIModel } from './openai-model.ts';

/** A parsed `openai:`, `<preset>:` or `<preset>-completions:` spec. */
export interface OpenAIModelSpec {
  readonly provider: 'openai';
  readonly modelId: string;
  /** 'openai' or a preset name ('vllm', 'groq', …). */
  readonly preset: string;
  /** 'completions' for `<preset>-completions:` specs (legacy `/v1/completions`). */
  readonly api: 'chat' | 'completions';
}

/** OpenAI's own API; the default base URL of `openai:` specs. */
export const openAIBaseUrl = 'https://api.openai.com/v1';

const completionsSuffix = '-completions';

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    throw new InputError(`base URL "${baseUrl}" is not a valid URL`);
  }
}

/**
 * One OpenAI-compatible service (a preset of provider-presets.ts) as a provider: `<name>:<model>` for chat
 * completions and `<name>-completions:<model>` for the legacy `/v1/completions`. A key is needed at OpenAI's
 * own hosts, and at a hosted preset's own host; self-hosted servers take one when it is set.
 */
export function openAICompatibleProvider(preset: OpenAIPreset): ProviderDescriptor<OpenAIModelSpec> {
  return {
    name: preset.name,
    prefixes: [preset.name, `${preset.name}${completionsSuffix}`],
    modelPlaceholder: 'model',
    defaultEndpoint: preset.baseUrl,
    keyVariables: [preset.keyVariable],
    keyRequired: preset.keyRequired,
    ...(preset.name === 'openai' ? { baseUrlVariable: 'OPENAI_BASE_URL' } : {}),
    variants: {
      help: '<prefix>-completions:<model>  any OpenAI-compatible prefix, on the legacy /completions API',
      message: 'OpenAI-compatible prefixes also as <prefix>-completions:<model>',
    },
    wireFormat: 'openai',
    // What the chat API defines (the `-completions` form sends neither tools nor a schema); the endpoint decides
    // the rest, and `probe` asks it.
    capabilities: {
      chat: true,
      completions: true,
      logLikelihood: true,
      streamedUsage: true,
      jsonSchemaOutput: true,
      seed: true,
      toolCalls: true,
    },
    parse: (prefix, model) => ({
      provider: 'openai',
      modelId: model,
      preset: preset.name,
      api: prefix.endsWith(completionsSuffix) ? 'completions' : 'chat',
    }),
    owns: (spec: ParsedModelSpec): spec is OpenAIModelSpec =>
      spec.provider === 'openai' && 'preset' in spec && spec.preset === preset.name,
    create(spec, options) {
      const baseUrl = options.baseUrl ?? preset.baseUrl;
      const ownHost = hostOf(baseUrl) === hostOf(preset.baseUrl);
      const openAIHost = hostOf(baseUrl) === 'api.openai.com' || hostOf(baseUrl).endsWith('.openai.com');
      if (options.apiKey === undefined && ((preset.keyRequired && ownHost) || openAIHost)) {
        throw missingKeyError([preset.keyVariable], baseUrl.replace(/\/+$/, ''));
      }
      return createOpenAIModel({
        now: options.now,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        baseUrl,
        modelId: spec.modelId,
        provider: spec.preset,
        api: spec.api,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      });
    },
  };
}

/** `openai:` and every named preset (`vllm:`, `groq:` …), in the presets' order. */
export const openAICompatibleProviders: readonly ProviderDescriptor<OpenAIModelSpec>[] =
  openAIPresets.map(openAICompatibleProvider);
