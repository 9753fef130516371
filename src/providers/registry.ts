import { InputError } from '../spec/errors.ts';
import type { LanguageModel, ModelCapabilities } from '../spec/language-model.ts';
import { anthropicProvider } from './anthropic/anthropic-provider.ts';
import { geminiProvider } from './gemini/gemini-provider.ts';
import { localProvider } from './local/local-provider.ts';
import { openAICompatibleProviders } from './openai/openai-provider.ts';
import type {
  CreateLanguageModelOptions,
  ParsedModelSpec,
  ProviderDescriptor,
} from './provider-descriptor.ts';

/**
 * Every provider parity can talk to, in the order messages and `--help` list them. A new provider is a folder
 * exporting a ProviderDescriptor and one line here (docs/providers.md, "Adding a provider").
 */
export const providerRegistry = [
  ...openAICompatibleProviders,
  anthropicProvider,
  geminiProvider,
  localProvider,
] as const;

type SpecOf<D> = D extends ProviderDescriptor<infer S> ? S : never;

/** A parsed model spec such as `openai:gpt-4o`, `vllm-completions:llama`, `anthropic:claude-…` or `local:x.gguf`. */
export type ModelSpec = SpecOf<(typeof providerRegistry)[number]>;

/** A registry entry with its spec type forgotten, for loops over the registry. */
export type AnyProviderDescriptor = ProviderDescriptor<ModelSpec>;

const providers: readonly AnyProviderDescriptor[] = providerRegistry;

/** A spec resolved through the registry: the parsed spec, its provider, and a factory for its model. */
export interface ResolvedModelSpec {
  readonly spec: ModelSpec;
  readonly provider: AnyProviderDescriptor;
  /** Environment variables that may hold its key, in order; empty when the provider needs none. */
  readonly keyVariables: readonly string[];
  create(options: CreateLanguageModelOptions): LanguageModel;
}

/** Every spec prefix's main form, for messages and `--help`. */
export const supportedModelPrefixes: readonly string[] = providers.map((provider) => provider.name);

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

/** `openai:<model>, …, local:<path.gguf> (OpenAI-compatible prefixes also as …)`, for error messages. */
function supportedForms(): string {
  const forms = providers.map((provider) => `${provider.name}:<${provider.modelPlaceholder}>`).join(', ');
  const variants = unique(providers.map((provider) => provider.variants?.message));
  return variants.length === 0 ? forms : `${forms} (${variants.join('; ')})`;
}

/**
 * Splits `<prefix>:<model>` at the first colon (model ids and paths may hold more colons) and asks the registry
 * which provider answers to the prefix. Throws InputError for an unknown prefix (listing the supported ones) or
 * an empty model.
 */
export function resolveModelSpec(text: string): ResolvedModelSpec {
  const colon = text.indexOf(':');
  const prefix = colon === -1 ? '' : text.slice(0, colon);
  const model = colon === -1 ? '' : text.slice(colon + 1).trim();
  const provider = providers.find((candidate) => candidate.prefixes.includes(prefix));
  if (!provider) {
    const found = colon === -1 ? 'no provider prefix' : `unknown provider "${prefix}"`;
    throw new InputError(`${found} in model spec "${text}"; supported: ${supportedForms()}`);
  }
  if (model === '') throw new InputError(`empty model in model spec "${text}"; expected ${supportedForms()}`);
  const spec = provider.parse(prefix, model);
  return {
    spec,
    provider,
    keyVariables: provider.keyVariables,
    create: (options) => provider.create(spec, options),
  };
}

/** The provider a parsed spec belongs to. */
export function providerOf(spec: ParsedModelSpec): AnyProviderDescriptor {
  const provider = providers.find((candidate) => candidate.owns(spec));
  if (!provider) throw new InputError(`no provider for model spec of kind "${spec.provider}"`);
  return provider;
}

/** One `--help` row per provider (spec form, default endpoint, key variables) and the lines on other forms. */
export function modelSpecForms(): {
  readonly rows: readonly (readonly [string, string, string])[];
  readonly notes: readonly string[];
} {
  const rows = providers.map(
    (provider) =>
      [
        `${provider.name}:<${provider.modelPlaceholder}>`,
        provider.defaultEndpoint,
        provider.keyVariables.length === 0
          ? '—'
          : `${provider.keyVariables.join(' or ')}${provider.keyRequired ? '' : ' (optional)'}`,
      ] as const,
  );
  return { rows, notes: unique(providers.map((provider) => provider.variants?.help)) };
}

/**
 * What the provider of a spec documents it can send (its registry entry), or undefined for a spec no provider
 * answers to (a model made outside the registry, named by its identity).
 */
export function documentedCapabilities(text: string): ModelCapabilities | undefined {
  try {
    return resolveModelSpec(text).provider.capabilities;
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}
