import type { ApiPrice, CatalogModel, ModelCatalog } from './catalog-types.ts';

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function namesOf(model: CatalogModel): Set<string> {
  const names = new Set<string>();
  for (const name of [model.id, ...model.aliases, ...model.apiPrices.map((price) => price.providerModel)]) {
    names.add(name.toLowerCase());
    names.add(lastSegment(name).toLowerCase());
  }
  return names;
}

/**
 * The catalog model a name refers to: its id, an alias or a provider's model name, compared case-insensitively
 * and also by the part after the last `/` (so `openai:gpt-4o`'s `gpt-4o`, `together_ai/meta-llama/…` and a
 * `local:` file's base name all resolve). A trailing `.gguf` and quantization suffixes are not stripped.
 */
export function findCatalogModel(catalog: ModelCatalog, name: string): CatalogModel | undefined {
  const wanted = name.toLowerCase();
  const wantedLast = lastSegment(wanted);
  return (
    catalog.models.find((model) => namesOf(model).has(wanted)) ??
    catalog.models.find((model) => namesOf(model).has(wantedLast))
  );
}

/** Providers a `parity eval` model spec prefix bills through. */
const specProviders: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  together: 'together',
  mistral: 'mistral',
  deepseek: 'deepseek',
  openrouter: 'openrouter',
};

/**
 * Catalog model and API price for a model spec such as `openai:gpt-4o`: the price of the spec's provider when
 * the catalog has one, else undefined (a `local:` model or an unknown server has no list price).
 */
export function priceForModelSpec(
  catalog: ModelCatalog,
  modelSpec: string,
): { model: CatalogModel; price: ApiPrice } | undefined {
  const colon = modelSpec.indexOf(':');
  // Without a colon (or before a leading one) the prefix is '', which names no provider: no catalog price has
  // an undefined provider, so the lookup below then finds none.
  const provider = specProviders[modelSpec.slice(0, Math.max(colon, 0))];
  const model = findCatalogModel(catalog, modelSpec.slice(colon + 1));
  const price = model?.apiPrices.find((candidate) => candidate.provider === provider);
  return model && price ? { model, price } : undefined;
}
