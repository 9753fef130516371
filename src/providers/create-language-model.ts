import { checkBaseUrl } from './shared/check-base-url.ts';
import { InputError } from '../spec/errors.ts';
import type { LanguageModel } from '../spec/language-model.ts';
import { createAnthropicModel } from './anthropic/anthropic-model.ts';
import { createGeminiModel } from './gemini/gemini-model.ts';
import { createLocalModel } from './local/local-model.ts';
import { createOpenAIModel } from './openai/openai-model.ts';
import {
  anthropicKeyVariables,
  findOpenAIPreset,
  geminiKeyVariables,
  openAIPresets,
} from './provider-presets.ts';

/** A parsed model spec such as `openai:gpt-4o`, `vllm-completions:llama`, `anthropic:claude-…` or `local:x.gguf`. */
export type ModelSpec =
  | {
      readonly provider: 'openai';
      readonly modelId: string;
      /** 'openai' or a preset name ('vllm', 'groq', …). */
      readonly preset: string;
      /** 'completions' for `<preset>-completions:` specs (legacy `/v1/completions`). */
      readonly api: 'chat' | 'completions';
    }
  | { readonly provider: 'anthropic'; readonly modelId: string }
  | { readonly provider: 'gemini'; readonly modelId: string }
  | { readonly provider: 'local'; readonly modelPath: string };

/** Every spec prefix, for messages and `--help`. */
export const supportedModelPrefixes: readonly string[] = [
  ...openAIPresets.map((preset) => preset.name),
  'anthropic',
  'gemini',
  'local',
];

/** OpenAI's own API; the default base URL of `openai:` specs. */
export const openAIBaseUrl = 'https://api.openai.com/v1';

const completionsSuffix = '-completions';

/**
 * Splits `<provider>:<model>` at the first colon (model ids and paths may hold more colons). OpenAI-compatible
 * prefixes may end in `-completions` to use `/v1/completions` instead of chat. Throws InputError for an unknown
 * prefix (listing the supported ones) or an empty model.
 */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(':');
  const prefix = colon === -1 ? '' : spec.slice(0, colon);
  const model = colon === -1 ? '' : spec.slice(colon + 1).trim();
  const supported = `${supportedModelPrefixes.map((name) => `${name}:<${name === 'local' ? 'path.gguf' : 'model'}>`).join(', ')} (OpenAI-compatible prefixes also as <prefix>-completions:<model>)`;
  const presetName = prefix.endsWith(completionsSuffix) ? prefix.slice(0, -completionsSuffix.length) : prefix;
  const preset = findOpenAIPreset(presetName);
  if (!preset && !['anthropic', 'gemini', 'local'].includes(prefix)) {
    const found = colon === -1 ? 'no provider prefix' : `unknown provider "${prefix}"`;
    throw new InputError(`${found} in model spec "${spec}"; supported: ${supported}`);
  }
  if (model === '') throw new InputError(`empty model in model spec "${spec}"; expected ${supported}`);
  if (preset) {
    return {
      provider: 'openai',
      modelId: model,
      preset: preset.name,
      api: prefix.endsWith(completionsSuffix) ? 'completions' : 'chat',
    };
  }
  if (prefix === 'local') return { provider: 'local', modelPath: model };
  return { provider: prefix as 'anthropic' | 'gemini', modelId: model };
}

/** Environment variables that may hold the key of this spec's provider, in order; empty for `local:`. */
export function keyVariablesFor(spec: ModelSpec): readonly string[] {
  if (spec.provider === 'openai') return [findOpenAIPreset(spec.preset)?.keyVariable ?? 'OPENAI_API_KEY'];
  if (spec.provider === 'anthropic') return anthropicKeyVariables;
  if (spec.provider === 'gemini') return geminiKeyVariables;
  return [];
}

export interface CreateLanguageModelOptions {
  /** Base URL; default: the provider's or preset's own (https://api.openai.com/v1 for `openai:`). */
  readonly baseUrl?: string;
  /** Key of the spec's provider; required for hosted services at their default URL. */
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
  /** Clock for timings, in milliseconds. */
  readonly now: () => number;
  /** CPU threads for `local:` models. Default 1. */
  readonly localThreads?: number;
  /** Context window of `local:` models, in tokens. Default: the model's own, at most 8192. */
  readonly localContextSize?: number;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    throw new InputError(`base URL "${baseUrl}" is not a valid URL`);
  }
}

/** Builds the LanguageModel a spec names. The caller reads environment variables and passes them in. */
export function createLanguageModel(spec: string, options: CreateLanguageModelOptions): LanguageModel {
  const parsed = parseModelSpec(spec);
  const apiKey = options.apiKey?.trim() || undefined;
  const common = { now: options.now, ...(options.fetch ? { fetch: options.fetch } : {}) };
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, { location: '--base-url' });
  if (parsed.provider === 'local') {
    return createLocalModel({
      modelPath: parsed.modelPath,
      now: options.now,
      ...(options.localThreads === undefined ? {} : { threads: options.localThreads }),
      ...(options.localContextSize === undefined ? {} : { contextSize: options.localContextSize }),
    });
  }
  const keyName = keyVariablesFor(parsed).join(' or ');
  if (parsed.provider === 'anthropic' || parsed.provider === 'gemini') {
    if (apiKey === undefined) throw new InputError(`${keyName} is not set (needed for ${parsed.provider}:)`);
    const create = parsed.provider === 'anthropic' ? createAnthropicModel : createGeminiModel;
    return create({
      ...common,
      apiKey,
      modelId: parsed.modelId,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    });
  }
  const preset = findOpenAIPreset(parsed.preset);
  const baseUrl = options.baseUrl ?? preset?.baseUrl ?? openAIBaseUrl;
  const ownHost = preset !== undefined && hostOf(baseUrl) === hostOf(preset.baseUrl);
  const openAIHost = hostOf(baseUrl) === 'api.openai.com' || hostOf(baseUrl).endsWith('.openai.com');
  if (apiKey === undefined && ((preset?.keyRequired === true && ownHost) || openAIHost)) {
    throw new InputError(`${keyName} is not set (needed for ${baseUrl.replace(/\/+$/, '')})`);
  }
  return createOpenAIModel({
    ...common,
    baseUrl,
    modelId: parsed.modelId,
    provider: parsed.preset,
    api: parsed.api,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
}
