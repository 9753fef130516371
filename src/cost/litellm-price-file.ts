import type { FeedPrice } from './price-feed.ts';

/** The catalog's provider names → litellm's `litellm_provider`. */
const litellmProviderNames: Readonly<Record<string, string>> = { together: 'together_ai', google: 'gemini' };

export interface LitellmPriceEntry {
  input_cost_per_token: number;
  output_cost_per_token: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  output_cost_per_reasoning_token?: number;
  litellm_provider: string;
  mode: 'chat';
  /** parity's additions, ignored by litellm. */
  source: string;
  as_of: string;
}

const perToken = (usdPerMillion: number): number => Number((usdPerMillion / 1e6).toPrecision(12));

/**
 * Feed prices as entries of litellm's `model_prices_and_context_window.json` (USD per token), keyed
 * `<litellm provider>/<model>` (bare model names for OpenAI and Anthropic, as litellm keys them), each with the
 * `source` and `as_of` parity keeps. Merged over `existing` (same key: the new entry wins).
 */
export function litellmPriceFile(options: {
  prices: readonly FeedPrice[];
  source: string;
  asOf: string;
  existing?: Readonly<Record<string, unknown>>;
}): Record<string, unknown> {
  const file: Record<string, unknown> = { ...options.existing };
  for (const price of options.prices) {
    const provider = litellmProviderNames[price.provider] ?? price.provider;
    const key =
      provider === 'openai' || provider === 'anthropic'
        ? price.providerModel
        : `${provider}/${price.providerModel}`;
    const entry: LitellmPriceEntry = {
      input_cost_per_token: perToken(price.inputUsdPerMillion),
      output_cost_per_token: perToken(price.outputUsdPerMillion),
      ...(price.cachedInputUsdPerMillion === undefined
        ? {}
        : { cache_read_input_token_cost: perToken(price.cachedInputUsdPerMillion) }),
      ...(price.cacheWriteUsdPerMillion === undefined
        ? {}
        : { cache_creation_input_token_cost: perToken(price.cacheWriteUsdPerMillion) }),
      ...(price.reasoningUsdPerMillion === undefined
        ? {}
        : { output_cost_per_reasoning_token: perToken(price.reasoningUsdPerMillion) }),
      litellm_provider: provider,
      mode: 'chat',
      source: price.source ?? options.source,
      as_of: price.asOf ?? options.asOf,
    };
    const tiers: Record<string, number> = {};
    for (const tier of price.tiers) {
      const thousands = tier.aboveInputTokens / 1000;
      if (!Number.isInteger(thousands)) continue;
      tiers[`input_cost_per_token_above_${thousands}k_tokens`] = perToken(tier.inputUsdPerMillion);
      tiers[`output_cost_per_token_above_${thousands}k_tokens`] = perToken(tier.outputUsdPerMillion);
      if (tier.cachedInputUsdPerMillion !== undefined) {
        tiers[`cache_read_input_token_cost_above_${thousands}k_tokens`] = perToken(
          tier.cachedInputUsdPerMillion,
        );
      }
    }
    file[key] = { ...entry, ...tiers };
  }
  return file;
}
