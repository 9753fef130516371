import { describe, expect, it } from 'vitest';
import { applyPriceFeed } from './apply-price-feed.ts';
import { modelCatalogSchema, type ModelCatalog } from './catalog-types.ts';
import type { FeedPrice } from './price-feed.ts';

// One catalog model with a regional, fine-tunable price at one provider and a plain one at another.
const catalog: ModelCatalog = modelCatalogSchema.parse({
  models: [
    {
      id: 'claude-test',
      name: 'Claude Test',
      vendor: 'Anthropic',
      aliases: ['claude-test-latest'],
      openWeights: false,
      licence: { id: 'proprietary', commercialUse: true },
      fineTunable: false,
      contextTokens: 200000,
      factsSource: 'test',
      factsAsOf: '2026-01-01',
      apiPrices: [
        {
          provider: 'anthropic',
          providerModel: 'claude-test-20260101',
          inputUsdPerMillion: 3,
          outputUsdPerMillion: 15,
          regions: ['us', 'eu'],
          fineTuning: true,
          source: 'anthropic pricing page',
          asOf: '2026-01-01',
        },
        {
          provider: 'bedrock',
          providerModel: 'anthropic.claude-test',
          inputUsdPerMillion: 3,
          outputUsdPerMillion: 15,
          source: 'aws pricing page',
          asOf: '2026-01-01',
        },
      ],
    },
  ],
});

function feedPrice(overrides: Partial<FeedPrice>): FeedPrice {
  return {
    key: 'claude-test-20260101',
    provider: 'anthropic',
    providerModel: 'claude-test-20260101',
    inputUsdPerMillion: 2,
    outputUsdPerMillion: 10,
    tiers: [],
    ...overrides,
  };
}

describe('applyPriceFeed', () => {
  it('replaces a provider’s price in place with every figure of the feed, keeping regions and fine-tuning', () => {
    const tier = { aboveInputTokens: 200000, inputUsdPerMillion: 6, outputUsdPerMillion: 22.5 };
    const applied = applyPriceFeed({
      catalog,
      prices: [
        feedPrice({
          cachedInputUsdPerMillion: 0.3,
          cacheWriteUsdPerMillion: 3.75,
          reasoningUsdPerMillion: 12,
          tiers: [tier],
        }),
      ],
      source: 'litellm',
      asOf: '2026-05-05',
    });
    expect(applied.matched).toEqual(['claude-test-20260101']);
    expect(applied.unmatchedCount).toBe(0);
    expect(applied.catalog.models[0]?.apiPrices).toEqual([
      {
        provider: 'anthropic',
        providerModel: 'claude-test-20260101',
        inputUsdPerMillion: 2,
        cachedInputUsdPerMillion: 0.3,
        cacheWriteUsdPerMillion: 3.75,
        outputUsdPerMillion: 10,
        reasoningUsdPerMillion: 12,
        tiers: [tier],
        regions: ['us', 'eu'],
        fineTuning: true,
        source: 'litellm (claude-test-20260101)',
        asOf: '2026-05-05',
      },
      catalog.models[0]?.apiPrices[1],
    ]);
    // The catalog passed in keeps its prices.
    expect(catalog.models[0]?.apiPrices[0]?.inputUsdPerMillion).toBe(3);
  });

  it('takes the entry’s own source and date when the file has them (files parity wrote)', () => {
    const applied = applyPriceFeed({
      catalog,
      prices: [feedPrice({ provider: 'bedrock', source: 'aws price list api', asOf: '2026-04-04' })],
      source: 'prices.json',
      asOf: '2026-05-05',
    });
    // Strict: figures the feed does not give get no key at all (a spread of undefined would erase a value).
    expect(applied.catalog.models[0]?.apiPrices[1]).toStrictEqual({
      provider: 'bedrock',
      providerModel: 'claude-test-20260101',
      inputUsdPerMillion: 2,
      outputUsdPerMillion: 10,
      tiers: [],
      fineTuning: false,
      source: 'aws price list api',
      asOf: '2026-04-04',
    });
  });

  it('adds new providers after the catalog’s, several for one model, and counts unknown models', () => {
    const applied = applyPriceFeed({
      catalog,
      prices: [
        feedPrice({
          key: 'openrouter/claude-test-latest',
          provider: 'openrouter',
          providerModel: 'claude-test-latest',
        }),
        feedPrice({ key: 'nobody/unknown-model', provider: 'nobody', providerModel: 'unknown-model' }),
        feedPrice({
          key: 'vertex_ai/claude-test',
          provider: 'google',
          providerModel: 'claude-test',
          inputUsdPerMillion: 4,
        }),
        feedPrice({ key: 'other-unknown', provider: 'nobody', providerModel: 'other-unknown' }),
      ],
      source: 'feed',
      asOf: '2026-05-05',
    });
    expect(applied.unmatchedCount).toBe(2);
    expect(applied.matched).toEqual(['openrouter/claude-test-latest', 'vertex_ai/claude-test']);
    expect(
      applied.catalog.models[0]?.apiPrices.map((price) => [
        price.provider,
        price.inputUsdPerMillion,
        price.fineTuning,
        price.source,
      ]),
    ).toEqual([
      ['anthropic', 3, true, 'anthropic pricing page'],
      ['bedrock', 3, false, 'aws pricing page'],
      ['openrouter', 2, false, 'feed (openrouter/claude-test-latest)'],
      ['google', 4, false, 'feed (vertex_ai/claude-test)'],
    ]);
    expect(applied.catalog.models[0]?.apiPrices[2]).not.toHaveProperty('regions');
    expect(applied.catalog.models).toHaveLength(1);
  });

  it('lets a later feed price of the same provider replace an earlier one', () => {
    const applied = applyPriceFeed({
      catalog,
      prices: [
        feedPrice({ key: 'first', provider: 'newco', inputUsdPerMillion: 1 }),
        feedPrice({ key: 'second', provider: 'newco', inputUsdPerMillion: 5 }),
      ],
      source: 'feed',
      asOf: '2026-05-05',
    });
    expect(
      applied.catalog.models[0]?.apiPrices.map((price) => [price.provider, price.inputUsdPerMillion]),
    ).toEqual([
      ['anthropic', 3],
      ['bedrock', 3],
      ['newco', 5],
    ]);
    expect(applied.matched).toEqual(['first', 'second']);
  });
});
