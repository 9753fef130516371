import type { ModelCatalog } from '../cost/catalog-types.ts';
import { priceForModelSpec } from '../cost/find-catalog-model.ts';
import { runCost } from '../cost/token-cost.ts';
import type { StoredRun } from '../spec/index.ts';

/**
 * A run's cost at the catalog's list price for its model spec: every ok item's reported usage, cached
 * responses included (what the run would cost uncached). Undefined when the catalog has no API price for the
 * spec (local models, unknown servers) or no item reported usage.
 */
export function runCostUsd(options: { run: StoredRun; catalog: ModelCatalog }): number | undefined {
  const priced = priceForModelSpec(options.catalog, options.run.config.modelSpec);
  if (!priced) return undefined;
  const usages = options.run.items.filter((item) => item.status === 'ok').map((item) => item.response?.usage);
  const cost = runCost({ usages, price: priced.price });
  return cost.requests === 0 ? undefined : cost.costUsd;
}
