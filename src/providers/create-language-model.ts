import { InputError } from '../spec/errors.ts';
import type { LanguageModel } from '../spec/language-model.ts';
import { createLocalModel } from './local/local-model.ts';
import { createOpenAIChatModel } from './openai/openai-chat-model.ts';

/** A parsed model spec such as `openai:gpt-4o` or `local:./models/tiny.gguf`. */
export type ModelSpec =
  | { readonly provider: 'openai'; readonly modelId: string }
  | { readonly provider: 'local'; readonly modelPath: string };

export const supportedModelPrefixes = ['openai', 'local'] as const;

/** OpenAI's own API; the default base URL of `openai:` specs. */
export const openAIBaseUrl = 'https://api.openai.com/v1';

/**
 * Splits `<provider>:<model>` at the first colon (model ids and paths may hold more colons).
 * Throws InputError for an unknown prefix (listing the supported ones) or an empty model.
 */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(':');
  const prefix = colon === -1 ? '' : spec.slice(0, colon);
  const model = colon === -1 ? '' : spec.slice(colon + 1).trim();
  const supported = supportedModelPrefixes.map(
    (name) => `${name}:<${name === 'local' ? 'path.gguf' : 'model'}>`,
  );
  if (prefix !== 'openai' && prefix !== 'local') {
    const found = colon === -1 ? 'no provider prefix' : `unknown provider "${prefix}"`;
    throw new InputError(`${found} in model spec "${spec}"; supported: ${supported.join(', ')}`);
  }
  if (model === '') {
    throw new InputError(`empty model in model spec "${spec}"; expected ${supported.join(' or ')}`);
  }
  return prefix === 'openai'
    ? { provider: 'openai', modelId: model }
    : { provider: 'local', modelPath: model };
}

export interface CreateLanguageModelOptions {
  /** Base URL for `openai:` specs. Default https://api.openai.com/v1. */
  readonly baseUrl?: string;
  /** Key for `openai:` specs; required for OpenAI's own API, optional for other servers. */
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
  /** Clock for timings, in milliseconds. */
  readonly now: () => number;
  /** CPU threads for `local:` models. Default 1. */
  readonly localThreads?: number;
  /** Context window of `local:` models, in tokens. Default: the model's own, at most 8192. */
  readonly localContextSize?: number;
}

function isOpenAIHost(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'api.openai.com' || host.endsWith('.openai.com');
  } catch {
    throw new InputError(`base URL "${baseUrl}" is not a valid URL`);
  }
}

/** Builds the LanguageModel a spec names. The caller reads environment variables and passes them in. */
export function createLanguageModel(spec: string, options: CreateLanguageModelOptions): LanguageModel {
  const parsed = parseModelSpec(spec);
  if (parsed.provider === 'local') {
    return createLocalModel({
      modelPath: parsed.modelPath,
      now: options.now,
      ...(options.localThreads === undefined ? {} : { threads: options.localThreads }),
      ...(options.localContextSize === undefined ? {} : { contextSize: options.localContextSize }),
    });
  }
  const baseUrl = options.baseUrl ?? openAIBaseUrl;
  const apiKey = options.apiKey?.trim() || undefined;
  if (isOpenAIHost(baseUrl) && apiKey === undefined) {
    throw new InputError(`OPENAI_API_KEY is not set (needed for ${baseUrl})`);
  }
  return createOpenAIChatModel({
    baseUrl,
    modelId: parsed.modelId,
    now: options.now,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
