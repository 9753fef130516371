import type { ApiPrice, ModelCatalog } from './catalog-types.ts';
import { priceForModelSpec } from './find-catalog-model.ts';
import { loadModelCatalog, shippedCatalogMayName } from './load-catalog.ts';

let shippedCatalog: ModelCatalog | undefined;

/** The shipped catalog, parsed only when it may price the spec's model (most local servers' models it cannot). */
export function shippedCatalogFor(modelSpec: string): ModelCatalog | undefined {
  if (!shippedCatalogMayName(modelSpec.slice(modelSpec.indexOf(':') + 1))) return undefined;
  shippedCatalog ??= loadModelCatalog();
  return shippedCatalog;
}

/** The catalog API price for a model spec (`openai:gpt-4o`), or undefined when the catalog has none. */
export function catalogPriceForSpec(modelSpec: string, catalog?: ModelCatalog): ApiPrice | undefined {
  const used = catalog ?? shippedCatalogFor(modelSpec);
  return used === undefined ? undefined : priceForModelSpec(used, modelSpec)?.price;
}
