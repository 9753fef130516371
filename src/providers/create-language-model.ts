import { checkBaseUrl } from './shared/check-base-url.ts';
import type { LanguageModel } from '../spec/language-model.ts';
import type { CreateLanguageModelOptions } from './provider-descriptor.ts';
import { providerOf, resolveModelSpec, type ModelSpec } from './registry.ts';

export type { CreateLanguageModelOptions } from './provider-descriptor.ts';
export { openAIBaseUrl } from './openai/openai-provider.ts';
export { supportedModelPrefixes, type ModelSpec } from './registry.ts';

/**
 * Parses `<provider>:<model>` through the provider registry (src/providers/registry.ts). Throws InputError for
 * an unknown prefix (listing the supported ones) or an empty model.
 */
export function parseModelSpec(spec: string): ModelSpec {
  return resolveModelSpec(spec).spec;
}

/** Environment variables that may hold the key of this spec's provider, in order; empty for `local:`. */
export function keyVariablesFor(spec: ModelSpec): readonly string[] {
  return providerOf(spec).keyVariables;
}

/** Builds the LanguageModel a spec names. The caller reads environment variables and passes them in. */
export function createLanguageModel(spec: string, options: CreateLanguageModelOptions): LanguageModel {
  const resolved = resolveModelSpec(spec);
  const apiKey = options.apiKey?.trim() || undefined;
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, { location: '--base-url' });
  const { apiKey: _given, ...rest } = options;
  return resolved.create({ ...rest, ...(apiKey === undefined ? {} : { apiKey }) });
}
