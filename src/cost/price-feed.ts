import { z } from 'zod';
import { InputError } from '../spec/index.ts';
import type { PriceTier } from './catalog-types.ts';

/** One price read from a feed, per million tokens. */
export interface FeedPrice {
  /** The feed's own key or id, e.g. `together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo`. */
  readonly key: string;
  /** Provider as the catalog names it (openai, anthropic, google, together, mistral, deepseek, openrouter, …). */
  readonly provider: string;
  /** Model name at the provider, without a provider prefix. */
  readonly providerModel: string;
  readonly inputUsdPerMillion: number;
  readonly cachedInputUsdPerMillion?: number;
  readonly cacheWriteUsdPerMillion?: number;
  readonly outputUsdPerMillion: number;
  readonly reasoningUsdPerMillion?: number;
  readonly tiers: readonly PriceTier[];
  readonly contextTokens?: number;
  /** Where the entry's figure came from and when, for files parity wrote (`parity prices --update`). */
  readonly source?: string;
  readonly asOf?: string;
}

export type PriceFeedFormat = 'litellm' | 'openrouter';

/** litellm's provider names → the catalog's. */
const litellmProviders: Readonly<Record<string, string>> = {
  together_ai: 'together',
  gemini: 'google',
  vertex_ai: 'google',
  'vertex_ai-language-models': 'google',
  text_completion_openai: 'openai',
};

const perToken = z.number().nonnegative();
const litellmEntrySchema = z.looseObject({
  input_cost_per_token: perToken,
  output_cost_per_token: perToken,
  cache_read_input_token_cost: perToken.optional(),
  cache_creation_input_token_cost: perToken.optional(),
  output_cost_per_reasoning_token: perToken.optional(),
  /** parity's own additions (ignored by litellm): the figure's source and as-of date. */
  source: z.string().min(1).optional(),
  as_of: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  litellm_provider: z.string().optional(),
  mode: z.string().optional(),
  max_input_tokens: z.number().optional(),
});

const perMillion = (usdPerToken: number): number => Math.round(usdPerToken * 1e6 * 1e6) / 1e6;

function litellmTiers(entry: Record<string, unknown>): PriceTier[] {
  const tiers: PriceTier[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const match = /^input_cost_per_token_above_(\d+)k_tokens$/.exec(key);
    const output = match ? entry[`output_cost_per_token_above_${match[1]}k_tokens`] : undefined;
    if (!match || typeof value !== 'number' || typeof output !== 'number') continue;
    const cached = entry[`cache_read_input_token_cost_above_${match[1]}k_tokens`];
    tiers.push({
      aboveInputTokens: Number(match[1]) * 1000,
      inputUsdPerMillion: perMillion(value),
      outputUsdPerMillion: perMillion(output),
      ...(typeof cached === 'number' ? { cachedInputUsdPerMillion: perMillion(cached) } : {}),
    });
  }
  return tiers.sort((left, right) => left.aboveInputTokens - right.aboveInputTokens);
}

/**
 * Reads litellm's `model_prices_and_context_window.json`: an object keyed by model (optionally
 * `<provider>/<model>`), USD per token in `input_cost_per_token`, `output_cost_per_token`,
 * `cache_read_input_token_cost`, `cache_creation_input_token_cost`, `output_cost_per_reasoning_token` and
 * `…_above_<N>k_tokens` tiers; `source` and `as_of` when parity wrote the file. Keeps chat
 * and completion entries priced per token; skips `sample_spec` and everything else.
 */
export function parseLitellmPrices(document: unknown, file: string): FeedPrice[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError('expected a JSON object keyed by model name (litellm format)', { location: file });
  }
  const prices: FeedPrice[] = [];
  for (const [key, raw] of Object.entries(document as Record<string, unknown>)) {
    if (key === 'sample_spec') continue;
    const parsed = litellmEntrySchema.safeParse(raw);
    if (!parsed.success) continue;
    const entry = parsed.data;
    if (entry.mode !== undefined && entry.mode !== 'chat' && entry.mode !== 'completion') continue;
    const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : 'unknown';
    const rawProvider = entry.litellm_provider ?? prefix;
    const provider = litellmProviders[rawProvider] ?? rawProvider;
    const providerModel = key.startsWith(`${rawProvider}/`) ? key.slice(rawProvider.length + 1) : key;
    prices.push({
      key,
      provider,
      providerModel,
      inputUsdPerMillion: perMillion(entry.input_cost_per_token),
      outputUsdPerMillion: perMillion(entry.output_cost_per_token),
      ...(entry.cache_read_input_token_cost === undefined
        ? {}
        : { cachedInputUsdPerMillion: perMillion(entry.cache_read_input_token_cost) }),
      ...(entry.cache_creation_input_token_cost === undefined
        ? {}
        : { cacheWriteUsdPerMillion: perMillion(entry.cache_creation_input_token_cost) }),
      ...(entry.output_cost_per_reasoning_token === undefined
        ? {}
        : { reasoningUsdPerMillion: perMillion(entry.output_cost_per_reasoning_token) }),
      tiers: litellmTiers(raw as Record<string, unknown>),
      ...(entry.max_input_tokens === undefined ? {} : { contextTokens: entry.max_input_tokens }),
      ...(entry.source === undefined ? {} : { source: entry.source }),
      ...(entry.as_of === undefined ? {} : { asOf: entry.as_of }),
    });
  }
  return prices;
}

/** OpenRouter sends prices as decimal strings of USD per token. */
const decimalString = z.union([z.string(), z.number()]).transform((value) => Number(value));
const openRouterSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().min(1),
      context_length: z.number().nullish(),
      pricing: z.looseObject({
        prompt: decimalString,
        completion: decimalString,
        input_cache_read: decimalString.optional(),
        internal_reasoning: decimalString.optional(),
      }),
    }),
  ),
});

/**
 * Reads OpenRouter's `GET /api/v1/models` response: `{ "data": [ { "id": "openai/gpt-4o", "context_length",
 * "pricing": { "prompt", "completion", "input_cache_read"?, "internal_reasoning"? } } ] }`, USD per token as
 * strings. Prices are OpenRouter's own (provider `openrouter`); negative (variable-price routers) are skipped.
 */
export function parseOpenRouterModels(document: unknown, file: string): FeedPrice[] {
  const parsed = openRouterSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: a failed zod parse has at least one issue, so the fallback is unreachable
    const path = issue?.path ?? [];
    // Stryker disable next-line OptionalChaining,StringLiteral: as above
    const reason = issue?.message ?? 'invalid';
    throw new InputError(`${path.join('.')}: ${reason} (OpenRouter models format)`, { location: file });
  }
  const prices: FeedPrice[] = [];
  for (const model of parsed.data.data) {
    const { prompt, completion, input_cache_read: cacheRead, internal_reasoning: reasoning } = model.pricing;
    if (!(prompt >= 0 && completion >= 0)) continue;
    // No price, or a negative one, means none (NaN >= 0 and 0 > 0 are false).
    const cached = cacheRead ?? Number.NaN;
    const reasoningPrice = reasoning ?? 0;
    prices.push({
      key: model.id,
      provider: 'openrouter',
      providerModel: model.id,
      inputUsdPerMillion: perMillion(prompt),
      outputUsdPerMillion: perMillion(completion),
      ...(cached >= 0 ? { cachedInputUsdPerMillion: perMillion(cached) } : {}),
      ...(reasoningPrice > 0 ? { reasoningUsdPerMillion: perMillion(reasoningPrice) } : {}),
      tiers: [],
      ...(model.context_length ? { contextTokens: model.context_length } : {}),
    });
  }
  return prices;
}

/** The format of a parsed feed document: OpenRouter's has a `data` array, litellm's is keyed by model. */
export function detectPriceFeedFormat(document: unknown): PriceFeedFormat {
  // Only an object can carry a data array (JSON arrays and primitives have no .data).
  return Array.isArray((document as { data?: unknown } | null | undefined)?.data) ? 'openrouter' : 'litellm';
}

/** Parses a feed's JSON text in either format. */
export function parsePriceFeed(options: { text: string; file: string }): {
  format: PriceFeedFormat;
  prices: FeedPrice[];
} {
  let document: unknown;
  try {
    document = JSON.parse(options.text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`, {
      location: options.file,
      cause: error,
    });
  }
  const format = detectPriceFeedFormat(document);
  const prices =
    format === 'openrouter'
      ? parseOpenRouterModels(document, options.file)
      : parseLitellmPrices(document, options.file);
  return { format, prices };
}
