import { describe, expect, it } from 'vitest';
import { applyPriceFeed } from './apply-price-feed.ts';
import { loadModelCatalog } from './load-catalog.ts';
import { parsePriceFeed } from './price-feed.ts';

// Hand-written in the documented shape of litellm's model_prices_and_context_window.json (USD per token).
const litellmFeed = JSON.stringify({
  sample_spec: {
    input_cost_per_token: 0.0,
    output_cost_per_token: 0.0,
    litellm_provider: 'one of …',
    mode: 'one of …',
  },
  'gpt-4o': {
    input_cost_per_token: 2e-6,
    output_cost_per_token: 8e-6,
    cache_read_input_token_cost: 1e-6,
    litellm_provider: 'openai',
    max_input_tokens: 128000,
    mode: 'chat',
  },
  'gemini/gemini-1.5-pro': {
    input_cost_per_token: 1.25e-6,
    output_cost_per_token: 5e-6,
    input_cost_per_token_above_128k_tokens: 2.5e-6,
    output_cost_per_token_above_128k_tokens: 1e-5,
    litellm_provider: 'gemini',
    mode: 'chat',
  },
  'together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo': {
    input_cost_per_token: 8.8e-7,
    output_cost_per_token: 8.8e-7,
    litellm_provider: 'together_ai',
    mode: 'chat',
  },
  'text-embedding-3-small': {
    input_cost_per_token: 2e-8,
    output_cost_per_token: 0,
    litellm_provider: 'openai',
    mode: 'embedding',
  },
  'dall-e-3': { output_cost_per_image: 0.04, litellm_provider: 'openai', mode: 'image_generation' },
  'some-unknown-model': {
    input_cost_per_token: 1e-6,
    output_cost_per_token: 1e-6,
    litellm_provider: 'acme',
    mode: 'chat',
  },
});

// Hand-written in the documented shape of OpenRouter's GET /api/v1/models (USD per token as strings).
const openRouterFeed = JSON.stringify({
  data: [
    {
      id: 'anthropic/claude-3.5-sonnet',
      name: 'Anthropic: Claude 3.5 Sonnet',
      created: 1729555200,
      context_length: 200000,
      pricing: {
        prompt: '0.000003',
        completion: '0.000015',
        input_cache_read: '0.0000003',
        request: '0',
        image: '0.0048',
      },
      architecture: { modality: 'text+image->text' },
      top_provider: { context_length: 200000, max_completion_tokens: 8192, is_moderated: true },
    },
    {
      id: 'meta-llama/llama-3.1-70b-instruct',
      name: 'Meta: Llama 3.1 70B Instruct',
      context_length: 131072,
      pricing: { prompt: '0.00000012', completion: '0.0000003' },
    },
    {
      id: 'openrouter/auto',
      name: 'Auto Router',
      context_length: 2000000,
      pricing: { prompt: '-1', completion: '-1' },
    },
  ],
});

describe('parsePriceFeed', () => {
  it('reads litellm prices per token into prices per million, with cache and >128k tiers, chat models only', () => {
    const feed = parsePriceFeed({ text: litellmFeed, file: 'prices.json' });
    expect(feed.format).toBe('litellm');
    expect(feed.prices.map((price) => price.key)).toEqual([
      'gpt-4o',
      'gemini/gemini-1.5-pro',
      'together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
      'some-unknown-model',
    ]);
    expect(feed.prices[0]).toEqual({
      key: 'gpt-4o',
      provider: 'openai',
      providerModel: 'gpt-4o',
      inputUsdPerMillion: 2,
      outputUsdPerMillion: 8,
      cachedInputUsdPerMillion: 1,
      tiers: [],
      contextTokens: 128000,
    });
    expect(feed.prices[1]).toMatchObject({
      provider: 'google',
      providerModel: 'gemini-1.5-pro',
      tiers: [{ aboveInputTokens: 128000, inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 }],
    });
    expect(feed.prices[2]).toMatchObject({
      provider: 'together',
      providerModel: 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
    });
  });

  it('reads OpenRouter model prices and skips variable-price routers', () => {
    const feed = parsePriceFeed({ text: openRouterFeed, file: 'models.json' });
    expect(feed.format).toBe('openrouter');
    expect(feed.prices).toEqual([
      {
        key: 'anthropic/claude-3.5-sonnet',
        provider: 'openrouter',
        providerModel: 'anthropic/claude-3.5-sonnet',
        inputUsdPerMillion: 3,
        outputUsdPerMillion: 15,
        cachedInputUsdPerMillion: 0.3,
        tiers: [],
        contextTokens: 200000,
      },
      {
        key: 'meta-llama/llama-3.1-70b-instruct',
        provider: 'openrouter',
        providerModel: 'meta-llama/llama-3.1-70b-instruct',
        inputUsdPerMillion: 0.12,
        outputUsdPerMillion: 0.3,
        tiers: [],
        contextTokens: 131072,
      },
    ]);
  });

  it('names the file when the feed is not JSON or not a known shape', () => {
    expect(() => parsePriceFeed({ text: '{nope', file: 'feed.json' })).toThrow(/^feed\.json: not valid JSON/);
    expect(() => parsePriceFeed({ text: '{"data":[{"id":"x"}]}', file: 'feed.json' })).toThrow(
      /^feed\.json: .*pricing/,
    );
  });
});

describe('applyPriceFeed', () => {
  it('replaces matching providers, adds new ones, stamps source and date, and leaves the catalog alone', () => {
    const catalog = loadModelCatalog();
    const litellm = parsePriceFeed({ text: litellmFeed, file: 'prices.json' });
    const openRouter = parsePriceFeed({ text: openRouterFeed, file: 'models.json' });
    const applied = applyPriceFeed({
      catalog,
      prices: [...litellm.prices, ...openRouter.prices],
      source: 'test feed',
      asOf: '2026-01-02',
    });
    expect(applied.unmatchedCount).toBe(1);
    const gpt4o = applied.catalog.models.find((model) => model.id === 'gpt-4o');
    expect(gpt4o?.apiPrices).toEqual([
      {
        provider: 'openai',
        providerModel: 'gpt-4o',
        inputUsdPerMillion: 2,
        cachedInputUsdPerMillion: 1,
        outputUsdPerMillion: 8,
        tiers: [],
        regions: ['us'],
        fineTuning: true,
        source: 'test feed (gpt-4o)',
        asOf: '2026-01-02',
      },
    ]);
    const llama = applied.catalog.models.find((model) => model.id === 'llama-3.1-70b-instruct');
    expect(llama?.apiPrices.map((price) => [price.provider, price.inputUsdPerMillion])).toEqual([
      ['together', 0.88],
      ['openrouter', 0.12],
    ]);
    expect(catalog.models.find((model) => model.id === 'gpt-4o')?.apiPrices[0]?.inputUsdPerMillion).toBe(2.5);
  });
});
