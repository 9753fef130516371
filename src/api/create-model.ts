import { createLanguageModel } from '../providers/create-language-model.ts';
import type { LanguageModel } from '../spec/index.ts';

export interface CreateModelOptions {
  /** The endpoint; default the provider's own (https://api.openai.com/v1 for `openai:`). */
  readonly baseUrl?: string;
  /**
   * The provider's key. The library reads no environment variable: pass `process.env.OPENAI_API_KEY` (or the
   * provider's variable, docs/providers.md) yourself. Keys go to the provider only, never to the store.
   */
  readonly apiKey?: string;
  /** CPU threads for `local:` models. Default 1. */
  readonly threads?: number;
  /** HTTP client; default the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * What `createModel` knows of each model it made: the spec (runs record it as `modelSpec`) and the key, kept in
 * memory only so that models on one key share its request budget (see request-gates.ts).
 */
const made = new WeakMap<LanguageModel, { readonly spec: string; readonly apiKey?: string }>();

/**
 * The model a spec names (the same specs as `parity eval --model`, docs/providers.md). Close it with
 * `model.close?.()` when done; `evaluate` closes only the models it created itself.
 */
export function createModel(spec: string, options: CreateModelOptions = {}): LanguageModel {
  const model = createLanguageModel(spec, {
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.threads === undefined ? {} : { localThreads: options.threads }),
    now: () => performance.now(),
  });
  made.set(model, { spec, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  return model;
}

/** The spec a model was made from; for a model made elsewhere, `provider:modelId` from its identity. */
export function modelSpecOf(model: LanguageModel): string {
  return made.get(model)?.spec ?? `${model.identity.provider}:${model.identity.modelId}`;
}

/** The key a model was made with, if `createModel` made it with one. */
export function modelKeyOf(model: LanguageModel): string | undefined {
  return made.get(model)?.apiKey;
}
