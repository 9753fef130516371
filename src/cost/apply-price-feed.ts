import type { ApiPrice, CatalogModel, ModelCatalog } from './catalog-types.ts';
import { findCatalogModel } from './find-catalog-model.ts';
import type { FeedPrice } from './price-feed.ts';

export interface AppliedPriceFeed {
  readonly catalog: ModelCatalog;
  /** Feed keys that replaced or added a catalog price. */
  readonly matched: readonly string[];
  /** Feed prices for models the catalog does not know. */
  readonly unmatchedCount: number;
}

/**
 * Overrides catalog prices with a feed's: a feed price for a catalog model (matched by id, alias or provider
 * model name) replaces that model's price from the same provider, or is added as a new provider. Every
 * replaced figure takes the entry's own `source` and `asOf` when it has them (files parity wrote), else the
 * feed's; regions and fine-tuning flags of a replaced price are
 * kept. The catalog passed in is not changed.
 */
export function applyPriceFeed(options: {
  catalog: ModelCatalog;
  prices: readonly FeedPrice[];
  source: string;
  asOf: string;
}): AppliedPriceFeed {
  const models = new Map<string, CatalogModel>(options.catalog.models.map((model) => [model.id, model]));
  const matched: string[] = [];
  let unmatchedCount = 0;
  for (const feedPrice of options.prices) {
    const model = findCatalogModel(options.catalog, feedPrice.providerModel);
    if (!model) {
      unmatchedCount += 1;
      continue;
    }
    const current = models.get(model.id) ?? model;
    const existing = current.apiPrices.find((price) => price.provider === feedPrice.provider);
    const replacement: ApiPrice = {
      provider: feedPrice.provider,
      providerModel: feedPrice.providerModel,
      inputUsdPerMillion: feedPrice.inputUsdPerMillion,
      outputUsdPerMillion: feedPrice.outputUsdPerMillion,
      ...(feedPrice.cachedInputUsdPerMillion === undefined
        ? {}
        : { cachedInputUsdPerMillion: feedPrice.cachedInputUsdPerMillion }),
      ...(feedPrice.cacheWriteUsdPerMillion === undefined
        ? {}
        : { cacheWriteUsdPerMillion: feedPrice.cacheWriteUsdPerMillion }),
      ...(feedPrice.reasoningUsdPerMillion === undefined
        ? {}
        : { reasoningUsdPerMillion: feedPrice.reasoningUsdPerMillion }),
      tiers: [...feedPrice.tiers],
      ...(existing?.regions ? { regions: existing.regions } : {}),
      fineTuning: existing?.fineTuning ?? false,
      source: feedPrice.source ?? `${options.source} (${feedPrice.key})`,
      asOf: feedPrice.asOf ?? options.asOf,
    };
    const apiPrices = existing
      ? current.apiPrices.map((price) => (price === existing ? replacement : price))
      : [...current.apiPrices, replacement];
    models.set(model.id, { ...current, apiPrices });
    matched.push(feedPrice.key);
  }
  return { catalog: { models: [...models.values()] }, matched, unmatchedCount };
}
