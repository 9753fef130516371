// Which catalog model and price a model spec resolves to, and the context window the catalog gives only to
// hosted API specs (a self-hosted server must not be credited with a published length it may not serve).
import { describe, expect, it } from 'vitest';
import { catalogContextWindow } from './catalog-context-window.ts';
import { modelCatalogSchema } from './catalog-types.ts';
import { findCatalogModel, priceForModelSpec } from './find-catalog-model.ts';

const price = (provider: string, providerModel: string, input: number) => ({
  provider,
  providerModel,
  inputUsdPerMillion: input,
  outputUsdPerMillion: input * 4,
  source: 'vendor page',
  asOf: '2026-11-01',
});
const model = (id: string, extra: Record<string, unknown>) => ({
  id,
  name: id,
  vendor: 'v',
  openWeights: false,
  licence: { id: 'proprietary', commercialUse: true },
  fineTunable: false,
  contextTokens: 128_000,
  factsSource: 'model card',
  factsAsOf: '2026-10-01',
  ...extra,
});
const catalog = modelCatalogSchema.parse({
  models: [
    // 'openai1' (no colon) must not be read as provider 'openai' and model '1'.
    model('gpt-4o', {
      aliases: ['GPT-4o-2024-08-06', 'openai1'],
      apiPrices: [price('openai', 'gpt-4o', 2.5)],
    }),
    model('llama-3.1-70b-instruct', {
      contextTokens: 131_072,
      apiPrices: [
        price('together', 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo', 0.88),
        price('openrouter', 'meta-llama/llama-3.1-70b-instruct', 0.4),
      ],
    }),
    model('gemini-1.5-pro', {
      contextTokens: 2_000_000,
      apiPrices: [price('google', 'gemini-1.5-pro', 1.25)],
    }),
    // A second model whose provider name ends like the first model's id: exact names win over last segments.
    model('router-gpt-4o', { apiPrices: [price('openrouter', 'openai/gpt-4o', 3)] }),
  ],
});

describe('findCatalogModel', () => {
  it('finds a model by id, alias or provider model name, ignoring case', () => {
    expect(findCatalogModel(catalog, 'gpt-4o')?.id).toBe('gpt-4o');
    expect(findCatalogModel(catalog, 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(findCatalogModel(catalog, 'META-LLAMA/Meta-Llama-3.1-70B-Instruct-Turbo')?.id).toBe(
      'llama-3.1-70b-instruct',
    );
    expect(findCatalogModel(catalog, 'openai/gpt-4o')?.id).toBe('router-gpt-4o');
  });

  it('falls back to the part after the last slash, on both sides', () => {
    expect(findCatalogModel(catalog, 'together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo')?.id).toBe(
      'llama-3.1-70b-instruct',
    );
    expect(findCatalogModel(catalog, 'Meta-Llama-3.1-70B-Instruct-Turbo')?.id).toBe('llama-3.1-70b-instruct');
    expect(findCatalogModel(catalog, '/models/llama-3.1-70b-instruct')?.id).toBe('llama-3.1-70b-instruct');
    expect(findCatalogModel(catalog, 'gpt-5')).toBeUndefined();
    expect(findCatalogModel(catalog, 'llama-3.1-70b-instruct.gguf')).toBeUndefined();
  });
});

describe('priceForModelSpec', () => {
  it('gives the price of the provider the spec prefix bills through', () => {
    expect(priceForModelSpec(catalog, 'openai:gpt-4o')?.price.inputUsdPerMillion).toBe(2.5);
    expect(priceForModelSpec(catalog, 'gemini:gemini-1.5-pro')?.price.provider).toBe('google');
    const routed = priceForModelSpec(catalog, 'openrouter:meta-llama/llama-3.1-70b-instruct');
    expect(routed?.model.id).toBe('llama-3.1-70b-instruct');
    expect(routed?.price.inputUsdPerMillion).toBe(0.4);
    expect(
      priceForModelSpec(catalog, 'together:meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo')?.price.provider,
    ).toBe('together');
  });

  it('has no price without a known prefix or without that provider’s price', () => {
    expect(priceForModelSpec(catalog, 'vllm:llama-3.1-70b-instruct')).toBeUndefined();
    expect(priceForModelSpec(catalog, 'gpt-4o')).toBeUndefined();
    expect(priceForModelSpec(catalog, 'openai1')).toBeUndefined();
    expect(priceForModelSpec(catalog, ':gpt-4o')).toBeUndefined();
    expect(priceForModelSpec(catalog, 'anthropic:gpt-4o')).toBeUndefined();
    expect(priceForModelSpec(catalog, 'openai:unknown-model')).toBeUndefined();
  });
});

describe('catalogContextWindow', () => {
  it('gives hosted API specs the catalog length with its source and date', () => {
    expect(catalogContextWindow(catalog, 'gemini:gemini-1.5-pro')).toEqual({
      tokens: 2_000_000,
      source: "parity's model catalog (gemini-1.5-pro, as of 2026-10-01)",
    });
    expect(
      catalogContextWindow(catalog, 'together:meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo')?.tokens,
    ).toBe(131_072);
  });

  it('gives nothing to self-hosted servers or models the provider does not sell', () => {
    expect(
      catalogContextWindow(catalog, 'vllm:meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo'),
    ).toBeUndefined();
    expect(catalogContextWindow(catalog, 'ollama:gpt-4o')).toBeUndefined();
    expect(catalogContextWindow(catalog, 'openai:gemini-1.5-pro')).toBeUndefined();
  });
});
