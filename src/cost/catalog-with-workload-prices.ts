import type { ApiPrice, CatalogModel, ModelCatalog } from './catalog-types.ts';
import { findCatalogModel } from './find-catalog-model.ts';
import type { WorkloadPrice } from './workload.ts';

function apiPrice(price: WorkloadPrice, file: string | undefined): ApiPrice {
  return {
    provider: price.provider,
    providerModel: price.model,
    inputUsdPerMillion: price.inputUsdPerMillion,
    ...(price.cachedInputUsdPerMillion === undefined
      ? {}
      : { cachedInputUsdPerMillion: price.cachedInputUsdPerMillion }),
    ...(price.cacheWriteUsdPerMillion === undefined
      ? {}
      : { cacheWriteUsdPerMillion: price.cacheWriteUsdPerMillion }),
    outputUsdPerMillion: price.outputUsdPerMillion,
    tiers: [],
    ...(price.regions === undefined ? {} : { regions: price.regions }),
    fineTuning: price.fineTuningTrainingUsdPerMillion !== undefined,
    ...(price.fineTuningTrainingUsdPerMillion === undefined
      ? {}
      : { fineTuningPrices: { trainingUsdPerMillion: price.fineTuningTrainingUsdPerMillion } }),
    source: `${price.source}${file ? ` (${file})` : ''}`,
    asOf: price.asOf ?? 'undated',
  };
}

/**
 * The catalog with the workload's own prices: a price for a catalog model (id, alias or provider model name)
 * replaces that provider's catalog price or adds the provider; a price for a model the catalog does not know
 * adds it as an API-only model with unknown licence, quality and context, so nothing priced is unusable.
 */
export function catalogWithWorkloadPrices(options: {
  catalog: ModelCatalog;
  prices: readonly WorkloadPrice[];
  file?: string;
}): ModelCatalog {
  const models = new Map<string, CatalogModel>(options.catalog.models.map((model) => [model.id, model]));
  for (const price of options.prices) {
    const known = findCatalogModel({ models: [...models.values()] }, price.model);
    const replacement = apiPrice(price, options.file);
    if (known) {
      const others = known.apiPrices.filter((entry) => entry.provider !== price.provider);
      models.set(known.id, { ...known, apiPrices: [...others, replacement] });
      continue;
    }
    const id = price.model
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      // The replace above leaves no two dashes side by side: at most one to trim at each end.
      .replace(/^-|-$/g, '');
    const existing = models.get(id);
    if (existing) {
      models.set(id, { ...existing, apiPrices: [...existing.apiPrices, replacement] });
      continue;
    }
    models.set(id, {
      id,
      name: price.model,
      vendor: price.provider,
      aliases: [price.model],
      openWeights: false,
      licence: { id: 'unknown', commercialUse: true, prohibitedUses: [] },
      fineTunable: false,
      contextTokens: Number.MAX_SAFE_INTEGER,
      factsSource: 'not in the catalog: priced by the workload file',
      factsAsOf: price.asOf ?? 'undated',
      apiPrices: [replacement],
      scores: [],
      throughput: [],
    });
  }
  return { models: [...models.values()] };
}
