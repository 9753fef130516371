import { InputError } from '../spec/errors.ts';
import type { LanguageModel, ModelCapabilities } from '../spec/language-model.ts';

/** What every parsed model spec has: the provider kind it names (`openai`, `anthropic`, `local` …). */
export interface ParsedModelSpec {
  readonly provider: string;
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

/**
 * Everything parity knows about one provider, exported by its folder (src/providers/<name>/<name>-provider.ts)
 * and listed once in src/providers/registry.ts. Spec parsing, key variables, `--help`, error messages and
 * `parity probe` all read it, so a new wire format is one folder, one registry entry and one conformance case
 * (test/provider-registry-conformance.test.ts).
 */
export interface ProviderDescriptor<S extends ParsedModelSpec> {
  /** The main spec prefix (`vllm`, `anthropic`, `local`); listed in messages and `--help`. */
  readonly name: string;
  /** Every spec prefix this provider answers to (`vllm`, `vllm-completions`). */
  readonly prefixes: readonly string[];
  /** What follows the colon, as messages and `--help` show it: `model` or `path.gguf`. */
  readonly modelPlaceholder: string;
  /** The default endpoint, as `--help` shows it. */
  readonly defaultEndpoint: string;
  /** Environment variables that may hold the key, tried in order; empty when the provider needs none. */
  readonly keyVariables: readonly string[];
  /** Whether the default endpoint needs a key (hosted services do, local servers do not). */
  readonly keyRequired: boolean;
  /** Environment variable the CLI reads the base URL from when `--base-url` is not given. */
  readonly baseUrlVariable?: string;
  /**
   * Spec forms beyond `<name>:<model>`: one line for `--help` and one phrase for error messages. Providers
   * sharing a form (every OpenAI-compatible preset) give the same text, which is shown once.
   */
  readonly variants?: { readonly help: string; readonly message: string };
  /**
   * The wire format its requests use (`openai`, `anthropic`, `gemini`, `local`): the conformance test has one
   * case per wire format, with a loopback server speaking it.
   */
  readonly wireFormat: string;
  /**
   * What parity can send through this provider, as its API documents it: `false` means never (an up-front
   * refusal for protocols that need it), `true` means parity sends it and the endpoint may still refuse, which
   * `parity probe` finds out for providers whose models have a `probe` method.
   */
  readonly capabilities: ModelCapabilities;
  /** The spec of `<prefix>:<model>`, for a prefix of `prefixes` and a non-empty model. */
  parse(prefix: string, model: string): S;
  /** Whether a parsed spec is one of this provider's. */
  owns(spec: ParsedModelSpec): spec is S;
  /** Builds the model; a missing key is an InputError naming the variable (never a value). */
  create(spec: S, options: CreateLanguageModelOptions): LanguageModel;
}

/** The one-line refusal for a missing key: which variables, and what needs it. */
export function missingKeyError(keyVariables: readonly string[], neededFor: string): InputError {
  return new InputError(`${keyVariables.join(' or ')} is not set (needed for ${neededFor})`);
}
