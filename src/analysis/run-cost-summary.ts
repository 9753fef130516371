import type { ApiPrice, ModelCatalog } from '../cost/catalog-types.ts';
import { priceForModelSpec } from '../cost/find-catalog-model.ts';
import { runCost, type RunCost } from '../cost/token-cost.ts';
import type { ItemOutcome, StoredRun } from '../spec/index.ts';

export interface RunCostSummary {
  readonly cost: RunCost;
  readonly model: string;
  readonly price: ApiPrice;
  /** Items answered from the response cache (priced as if requested; they cost nothing this time). */
  readonly cachedItems: number;
}

/**
 * What a run's measured token usage costs at the catalog's list price for its model and provider; undefined
 * for models without a catalog price (local models, unknown servers).
 */
export function runCostSummary(options: {
  modelSpec: string;
  items: readonly Pick<ItemOutcome, 'usage' | 'cached' | 'status'>[];
  /** The caller reads it (`shippedCatalogFor`); undefined prices nothing. */
  catalog: ModelCatalog | undefined;
}): RunCostSummary | undefined {
  const { catalog } = options;
  const match = catalog === undefined ? undefined : priceForModelSpec(catalog, options.modelSpec);
  if (!match) return undefined;
  const answered = options.items.filter((item) => item.status === 'ok');
  return {
    cost: runCost({ usages: answered.map((item) => item.usage), price: match.price }),
    model: match.model.id,
    price: match.price,
    cachedItems: answered.filter((item) => item.cached).length,
  };
}

/**
 * A stored run's cost at the catalog's list price for its model spec: every ok item's reported usage, cached
 * responses included (what the run would cost uncached). Undefined when the catalog has no API price for the
 * spec (local models, unknown servers) or no item reported usage. The view and `parity report` show it.
 */
export function runCostUsd(options: { run: StoredRun; catalog: ModelCatalog }): number | undefined {
  const summary = runCostSummary({
    modelSpec: options.run.config.modelSpec,
    items: options.run.items.map((item) => ({
      status: item.status,
      cached: item.cached,
      usage: item.response?.usage,
    })),
    catalog: options.catalog,
  });
  return summary && summary.cost.requests > 0 ? summary.cost.costUsd : undefined;
}
