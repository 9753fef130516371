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

/** The spec each model made by `createModel` was made from (runs record it as `modelSpec`). */
const specs = new WeakMap<LanguageModel, string>();

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
  specs.set(model, spec);
  return model;
}

/** The spec a model was made from; for a model made elsewhere, `provider:modelId` from its identity. */
export function modelSpecOf(model: LanguageModel): string {
  return specs.get(model) ?? `${model.identity.provider}:${model.identity.modelId}`;
}
