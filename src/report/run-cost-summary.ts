import type { ApiPrice, ModelCatalog } from '../cost/catalog-types.ts';
import { priceForModelSpec } from '../cost/find-catalog-model.ts';
import { shippedCatalogFor } from '../cost/catalog-price-for-spec.ts';
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
  catalog?: ModelCatalog;
}): RunCostSummary | undefined {
  const catalog = options.catalog ?? shippedCatalogFor(options.modelSpec);
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

/** `cost $0.0123 (openai gpt-4o list price 2.5/10 per M tokens, as of 2024-10-01): 1.2M in, 48k out, 40 requests`. */
export function formatRunCost(summary: RunCostSummary): string {
  const { cost, price } = summary;
  const cached = summary.cachedItems > 0 ? `, ${summary.cachedItems} answered from the cache` : '';
  const missing =
    cost.requestsWithoutUsage > 0 ? `, ${cost.requestsWithoutUsage} without usage (not priced)` : '';
  return (
    `cost $${cost.costUsd.toFixed(4)} (${price.provider} ${price.providerModel} list price ${price.inputUsdPerMillion}/${price.outputUsdPerMillion} per M tokens, as of ${price.asOf}): ` +
    `${cost.inputTokens} in (${cost.cachedInputTokens} cached${cost.cacheWriteInputTokens > 0 ? `, ${cost.cacheWriteInputTokens} cache writes` : ''}), ${cost.outputTokens} out (${cost.reasoningTokens} reasoning), ${cost.requests} requests${cached}${missing}`
  );
}

/** The `cost` member added to `parity show --json`. */
export function runCostJson(summary: RunCostSummary): Record<string, unknown> {
  const { cost, price } = summary;
  return {
    usd: Math.round(cost.costUsd * 1e6) / 1e6,
    input_tokens: cost.inputTokens,
    cached_input_tokens: cost.cachedInputTokens,
    cache_write_input_tokens: cost.cacheWriteInputTokens,
    output_tokens: cost.outputTokens,
    reasoning_tokens: cost.reasoningTokens,
    requests: cost.requests,
    requests_without_usage: cost.requestsWithoutUsage,
    cached_items: summary.cachedItems,
    price: {
      provider: price.provider,
      provider_model: price.providerModel,
      input_usd_per_million: price.inputUsdPerMillion,
      cached_input_usd_per_million: price.cachedInputUsdPerMillion ?? null,
      output_usd_per_million: price.outputUsdPerMillion,
      source: price.source,
      as_of: price.asOf,
    },
  };
}
