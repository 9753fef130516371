import type { Usage } from '../spec/index.ts';
import type { ApiPrice, PriceTier } from './catalog-types.ts';

export type TokenPrice = Pick<
  ApiPrice,
  | 'inputUsdPerMillion'
  | 'cachedInputUsdPerMillion'
  | 'cacheWriteUsdPerMillion'
  | 'outputUsdPerMillion'
  | 'reasoningUsdPerMillion'
  | 'tiers'
>;

/** The rates that apply to a request with this many prompt tokens: the highest tier it exceeds, else the base. */
export function ratesForPrompt(price: TokenPrice, promptTokens: number): Omit<PriceTier, 'aboveInputTokens'> {
  const tier = [...price.tiers]
    .sort((left, right) => right.aboveInputTokens - left.aboveInputTokens)
    .find((candidate) => promptTokens > candidate.aboveInputTokens);
  return tier ?? price;
}

/**
 * USD for one request's usage. Follows the OpenAI usage convention the providers map to: `inputTokens`
 * includes `cachedInputTokens` and `cacheWriteInputTokens`, and `outputTokens` includes `reasoningTokens`.
 * Cached input without a cached price is billed as input, cache writes without a cache-write price as input,
 * reasoning without its own price as output. Unknown counts cost 0 — callers report how many requests lacked
 * usage.
 */
export function requestCostUsd(options: { usage: Usage; price: TokenPrice }): number {
  const { usage, price } = options;
  const input = usage.inputTokens ?? 0;
  const cached = Math.min(usage.cachedInputTokens ?? 0, input);
  const written = Math.min(usage.cacheWriteInputTokens ?? 0, input - cached);
  const output = usage.outputTokens ?? 0;
  const reasoning = Math.min(usage.reasoningTokens ?? 0, output);
  const rates = ratesForPrompt(price, input);
  const cachedRate =
    rates.cachedInputUsdPerMillion ?? price.cachedInputUsdPerMillion ?? rates.inputUsdPerMillion;
  const writeRate = price.cacheWriteUsdPerMillion ?? rates.inputUsdPerMillion;
  const reasoningRate = price.reasoningUsdPerMillion ?? rates.outputUsdPerMillion;
  return (
    ((input - cached - written) * rates.inputUsdPerMillion +
      cached * cachedRate +
      written * writeRate +
      (output - reasoning) * rates.outputUsdPerMillion +
      reasoning * reasoningRate) /
    1e6
  );
}

export interface RunCost {
  readonly costUsd: number;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  /** Prompt tokens written to the provider's prompt cache (part of `inputTokens`). */
  readonly cacheWriteInputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  /** Requests priced. */
  readonly requests: number;
  /** Requests with no usage reported at all (not priced). */
  readonly requestsWithoutUsage: number;
}

/** Total cost of a run's requests, each priced at its own tier. Pass only requests that reached the model. */
export function runCost(options: { usages: readonly (Usage | undefined)[]; price: TokenPrice }): RunCost {
  let costUsd = 0;
  let inputTokens = 0;
  let cachedInputTokens = 0;
  let cacheWriteInputTokens = 0;
  let outputTokens = 0;
  let reasoningTokens = 0;
  let requestsWithoutUsage = 0;
  for (const usage of options.usages) {
    if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) {
      requestsWithoutUsage += 1;
      continue;
    }
    costUsd += requestCostUsd({ usage, price: options.price });
    inputTokens += usage.inputTokens ?? 0;
    cachedInputTokens += usage.cachedInputTokens ?? 0;
    cacheWriteInputTokens += usage.cacheWriteInputTokens ?? 0;
    outputTokens += usage.outputTokens ?? 0;
    reasoningTokens += usage.reasoningTokens ?? 0;
  }
  return {
    costUsd,
    inputTokens,
    cachedInputTokens,
    cacheWriteInputTokens,
    outputTokens,
    reasoningTokens,
    requests: options.usages.length - requestsWithoutUsage,
    requestsWithoutUsage,
  };
}
