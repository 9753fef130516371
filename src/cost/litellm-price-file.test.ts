// The price file `parity prices --update` writes, in litellm's model_prices_and_context_window.json layout
// (BerriAI/litellm: USD per token, keys bare for OpenAI and Anthropic models and `<litellm_provider>/<model>`
// otherwise, `…_above_<N>k_tokens` tier fields as litellm gives Gemini's long-context prices). Expected values
// are per-million prices divided by 10⁶ by hand.
import { describe, expect, it } from 'vitest';
import { litellmPriceFile } from './litellm-price-file.ts';
import type { FeedPrice } from './price-feed.ts';
import { parseLitellmPrices } from './price-feed.ts';

const gpt: FeedPrice = {
  key: 'gpt-4o',
  provider: 'openai',
  providerModel: 'gpt-4o',
  inputUsdPerMillion: 2.5,
  cachedInputUsdPerMillion: 1.25,
  outputUsdPerMillion: 10,
  tiers: [],
};
const claude: FeedPrice = {
  key: 'claude-3-5-sonnet',
  provider: 'anthropic',
  providerModel: 'claude-3-5-sonnet-20241022',
  inputUsdPerMillion: 3,
  cacheWriteUsdPerMillion: 3.75,
  outputUsdPerMillion: 15,
  reasoningUsdPerMillion: 15,
  tiers: [],
  source: 'anthropic.com/pricing',
  asOf: '2026-11-01',
};
const gemini: FeedPrice = {
  key: 'gemini/gemini-1.5-pro',
  provider: 'google',
  providerModel: 'gemini-1.5-pro',
  inputUsdPerMillion: 1.25,
  outputUsdPerMillion: 5,
  tiers: [
    {
      aboveInputTokens: 128_000,
      inputUsdPerMillion: 2.5,
      cachedInputUsdPerMillion: 0.625,
      outputUsdPerMillion: 10,
    },
    { aboveInputTokens: 1500, inputUsdPerMillion: 9, outputUsdPerMillion: 9 },
    { aboveInputTokens: 256_000, inputUsdPerMillion: 4, outputUsdPerMillion: 16 },
  ],
};
const llama: FeedPrice = {
  key: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
  provider: 'together',
  providerModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  inputUsdPerMillion: 0.88,
  outputUsdPerMillion: 0.88,
  tiers: [],
};
const mistral: FeedPrice = {
  key: 'mistral/mistral-large-latest',
  provider: 'mistral',
  providerModel: 'mistral-large-latest',
  inputUsdPerMillion: 2,
  outputUsdPerMillion: 6,
  tiers: [],
};

// Built inside each test, not when the file loads: a mutation tool activates its mutant for the tests only.
const written = () =>
  litellmPriceFile({
    prices: [gpt, claude, gemini, llama, mistral],
    source: 'parity prices --update from feed.json',
    asOf: '2026-12-01',
  });

describe('litellmPriceFile', () => {
  it('keys OpenAI and Anthropic models bare and the others by litellm provider name', () => {
    const file = written();
    expect(Object.keys(file).sort()).toEqual([
      'claude-3-5-sonnet-20241022',
      'gemini/gemini-1.5-pro',
      'gpt-4o',
      'mistral/mistral-large-latest',
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    ]);
  });

  it('writes USD per token, optional prices only when known, and the default source and date', () => {
    const file = written();
    expect(file['gpt-4o']).toEqual({
      input_cost_per_token: 0.0000025,
      output_cost_per_token: 0.00001,
      cache_read_input_token_cost: 0.00000125,
      litellm_provider: 'openai',
      mode: 'chat',
      source: 'parity prices --update from feed.json',
      as_of: '2026-12-01',
    });
    expect(file['claude-3-5-sonnet-20241022']).toEqual({
      input_cost_per_token: 0.000003,
      output_cost_per_token: 0.000015,
      cache_creation_input_token_cost: 0.00000375,
      output_cost_per_reasoning_token: 0.000015,
      litellm_provider: 'anthropic',
      mode: 'chat',
      source: 'anthropic.com/pricing',
      as_of: '2026-11-01',
    });
    expect(file['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo']).toMatchObject({
      input_cost_per_token: 0.00000088,
      litellm_provider: 'together_ai',
    });
    expect(file['mistral/mistral-large-latest']).toMatchObject({ litellm_provider: 'mistral' });
  });

  it('writes tiers in whole thousands of input tokens as litellm’s above_<N>k fields and skips others', () => {
    const file = written();
    expect(file['gemini/gemini-1.5-pro']).toEqual({
      input_cost_per_token: 0.00000125,
      output_cost_per_token: 0.000005,
      litellm_provider: 'gemini',
      mode: 'chat',
      source: 'parity prices --update from feed.json',
      as_of: '2026-12-01',
      input_cost_per_token_above_128k_tokens: 0.0000025,
      output_cost_per_token_above_128k_tokens: 0.00001,
      cache_read_input_token_cost_above_128k_tokens: 0.000000625,
      // No cached price above 256k: no cached field for that tier.
      input_cost_per_token_above_256k_tokens: 0.000004,
      output_cost_per_token_above_256k_tokens: 0.000016,
    });
  });

  it('rounds away binary noise to 12 significant digits', () => {
    const noisy = litellmPriceFile({
      prices: [{ ...gpt, inputUsdPerMillion: 0.1 + 0.2, cachedInputUsdPerMillion: undefined }],
      source: 's',
      asOf: '2026-12-01',
    });
    expect((noisy['gpt-4o'] as { input_cost_per_token: number }).input_cost_per_token).toBe(3e-7);
  });

  it('merges over an existing file: other keys stay, the same key is replaced', () => {
    const merged = litellmPriceFile({
      prices: [gpt],
      source: 's',
      asOf: '2026-12-01',
      existing: { 'gpt-4o': { input_cost_per_token: 1 }, 'o1-mini': { input_cost_per_token: 2 } },
    });
    expect(merged['o1-mini']).toEqual({ input_cost_per_token: 2 });
    expect(merged['gpt-4o']).toMatchObject({ input_cost_per_token: 0.0000025, mode: 'chat' });
  });

  it('reads back as the same prices through the litellm feed parser', () => {
    const file = written();
    const back = parseLitellmPrices(file, 'prices.json');
    const gem = back.find((price) => price.providerModel === 'gemini-1.5-pro');
    expect(gem?.provider).toBe('google');
    expect(gem?.inputUsdPerMillion).toBeCloseTo(1.25, 12);
    expect(gem?.tiers).toEqual([
      {
        aboveInputTokens: 128_000,
        inputUsdPerMillion: 2.5,
        cachedInputUsdPerMillion: 0.625,
        outputUsdPerMillion: 10,
      },
      { aboveInputTokens: 256_000, inputUsdPerMillion: 4, outputUsdPerMillion: 16 },
    ]);
    const sonnet = back.find((price) => price.providerModel === 'claude-3-5-sonnet-20241022');
    expect(sonnet?.provider).toBe('anthropic');
    expect(sonnet?.cacheWriteUsdPerMillion).toBeCloseTo(3.75, 12);
  });
});
