import type { RunCostSummary } from '../analysis/run-cost-summary.ts';

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
