import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import {
  detectPriceFeedFormat,
  parseLitellmPrices,
  parseOpenRouterModels,
  parsePriceFeed,
} from './price-feed.ts';

// Entries in the documented shapes of litellm's model_prices_and_context_window.json (USD per token, numbers)
// and OpenRouter's GET /api/v1/models (USD per token, decimal strings). Expected prices per million are the
// per-token figures × 1e6 worked out by hand.

function failure(parse: () => unknown): InputError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseLitellmPrices', () => {
  it('rounds per-token prices to exact cents per million (7.9e-7 × 1e6 is 0.7899999999999999 in floating point)', () => {
    const [price] = parseLitellmPrices(
      {
        'groq/llama-3.3-70b-versatile': {
          input_cost_per_token: 5.9e-7,
          output_cost_per_token: 7.9e-7,
          cache_read_input_token_cost: 7.9e-8,
          cache_creation_input_token_cost: 7.9e-7,
          output_cost_per_reasoning_token: 7.9e-6,
          litellm_provider: 'groq',
          mode: 'chat',
        },
      },
      'prices.json',
    );
    // Strict: no key for a figure the file does not give (context, source, date), not even an undefined one.
    expect(price).toStrictEqual({
      key: 'groq/llama-3.3-70b-versatile',
      provider: 'groq',
      providerModel: 'llama-3.3-70b-versatile',
      inputUsdPerMillion: 0.59,
      outputUsdPerMillion: 0.79,
      cachedInputUsdPerMillion: 0.079,
      cacheWriteUsdPerMillion: 0.79,
      reasoningUsdPerMillion: 7.9,
      tiers: [],
    });
  });

  it('skips sample_spec, entries not priced per token and modes other than chat and completion', () => {
    const prices = parseLitellmPrices(
      {
        sample_spec: { input_cost_per_token: 0, output_cost_per_token: 0 },
        'no-mode-model': { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
        'completion-model': { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, mode: 'completion' },
        'embedding-model': { input_cost_per_token: 1e-6, output_cost_per_token: 0, mode: 'embedding' },
        'per-image': { output_cost_per_image: 0.04, mode: 'chat' },
        'negative-price': { input_cost_per_token: -1e-6, output_cost_per_token: 2e-6, mode: 'chat' },
        'text-price': { input_cost_per_token: '1e-6', output_cost_per_token: 2e-6, mode: 'chat' },
        'not-an-object': 'x',
      },
      'prices.json',
    );
    expect(prices.map((price) => price.key)).toEqual(['no-mode-model', 'completion-model']);
  });

  it('takes the provider from litellm_provider, else the key’s prefix, else "unknown", and maps litellm’s names', () => {
    const entry = { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    const prices = parseLitellmPrices(
      {
        'mistral/mistral-large-latest': entry,
        'plain-model': entry,
        'vertex_ai/gemini-1.5-pro': { ...entry, litellm_provider: 'vertex_ai-language-models' },
        'gemini-1.5-flash': { ...entry, litellm_provider: 'gemini' },
        'together_ai/org/model-x': entry,
        'text-davinci-003': { ...entry, litellm_provider: 'text_completion_openai' },
      },
      'prices.json',
    );
    expect(prices.map((price) => [price.provider, price.providerModel])).toEqual([
      ['mistral', 'mistral-large-latest'],
      ['unknown', 'plain-model'],
      // The key's prefix is not litellm_provider's name, so it stays in the model name.
      ['google', 'vertex_ai/gemini-1.5-pro'],
      ['google', 'gemini-1.5-flash'],
      ['together', 'org/model-x'],
      ['openai', 'text-davinci-003'],
    ]);
  });

  it('reads long-prompt tiers in increasing order, with a cached rate where given, and only complete ones', () => {
    const [price] = parseLitellmPrices(
      {
        'gemini/long': {
          input_cost_per_token: 1.25e-6,
          output_cost_per_token: 5e-6,
          input_cost_per_token_above_200k_tokens: 5e-6,
          output_cost_per_token_above_200k_tokens: 2e-5,
          input_cost_per_token_above_128k_tokens: 2.5e-6,
          output_cost_per_token_above_128k_tokens: 1e-5,
          cache_read_input_token_cost_above_128k_tokens: 6.25e-7,
          // No output price at this threshold: not a tier.
          input_cost_per_token_above_64k_tokens: 2e-6,
          // Not a number: not a tier.
          input_cost_per_token_above_32k_tokens: 'free',
          output_cost_per_token_above_32k_tokens: 1e-6,
          output_cost_per_token_above_16k_tokens: 1e-6,
          // Other names that merely contain the pattern are not tiers.
          batch_input_cost_per_token_above_8k_tokens: 1e-6,
          output_cost_per_token_above_8k_tokens: 1e-6,
          input_cost_per_token_above_4k_tokens_batch: 1e-6,
          output_cost_per_token_above_4k_tokens: 1e-6,
          input_cost_per_token_above_k_tokens: 1e-6,
          output_cost_per_token_above_k_tokens: 1e-6,
          litellm_provider: 'gemini',
          max_input_tokens: 2097152,
          mode: 'chat',
        },
      },
      'prices.json',
    );
    expect(price?.tiers).toEqual([
      {
        aboveInputTokens: 128000,
        inputUsdPerMillion: 2.5,
        outputUsdPerMillion: 10,
        cachedInputUsdPerMillion: 0.625,
      },
      { aboveInputTokens: 200000, inputUsdPerMillion: 5, outputUsdPerMillion: 20 },
    ]);
    expect(price?.contextTokens).toBe(2097152);
  });

  it('keeps the source and date of a file parity wrote', () => {
    const [price] = parseLitellmPrices(
      {
        'gpt-4o': {
          input_cost_per_token: 2.5e-6,
          output_cost_per_token: 1e-5,
          litellm_provider: 'openai',
          source: 'https://openai.com/api/pricing',
          as_of: '2026-02-03',
        },
      },
      'prices.json',
    );
    expect(price).toMatchObject({ source: 'https://openai.com/api/pricing', asOf: '2026-02-03' });
  });

  it('refuses a document that is not an object keyed by model, naming the file', () => {
    const message = 'feed.json: expected a JSON object keyed by model name (litellm format)';
    expect(failure(() => parseLitellmPrices([], 'feed.json')).message).toBe(message);
    expect(failure(() => parseLitellmPrices(null, 'feed.json')).message).toBe(message);
    expect(failure(() => parseLitellmPrices('text', 'feed.json')).message).toBe(message);
    expect(failure(() => parsePriceFeed({ text: '[1, 2]', file: 'feed.json' })).exitCode).toBe(2);
    expect(parseLitellmPrices({}, 'feed.json')).toEqual([]);
  });
});

describe('parseOpenRouterModels', () => {
  it('reads strings and numbers, keeps free models, skips negative and unreadable prices', () => {
    const prices = parseOpenRouterModels(
      {
        data: [
          {
            id: 'meta-llama/llama-3.3-70b-instruct',
            context_length: 131072,
            pricing: {
              prompt: '0.00000059',
              completion: 0.00000079,
              input_cache_read: '0',
              internal_reasoning: '0.0000079',
            },
          },
          { id: 'free/model', context_length: null, pricing: { prompt: '0', completion: '0' } },
          { id: 'openrouter/auto', context_length: 0, pricing: { prompt: '-1', completion: '0.000001' } },
          { id: 'half-router', pricing: { prompt: '0.000001', completion: '-1' } },
          { id: 'garbled', pricing: { prompt: 'n/a', completion: '0.000001' } },
          {
            id: 'no-cache-no-reasoning',
            pricing: {
              prompt: '0.000001',
              completion: '0.000002',
              input_cache_read: '-1',
              internal_reasoning: '0',
            },
          },
        ],
      },
      'models.json',
    );
    expect(prices).toStrictEqual([
      {
        key: 'meta-llama/llama-3.3-70b-instruct',
        provider: 'openrouter',
        providerModel: 'meta-llama/llama-3.3-70b-instruct',
        inputUsdPerMillion: 0.59,
        outputUsdPerMillion: 0.79,
        cachedInputUsdPerMillion: 0,
        reasoningUsdPerMillion: 7.9,
        tiers: [],
        contextTokens: 131072,
      },
      {
        key: 'free/model',
        provider: 'openrouter',
        providerModel: 'free/model',
        inputUsdPerMillion: 0,
        outputUsdPerMillion: 0,
        tiers: [],
      },
      {
        key: 'no-cache-no-reasoning',
        provider: 'openrouter',
        providerModel: 'no-cache-no-reasoning',
        inputUsdPerMillion: 1,
        outputUsdPerMillion: 2,
        tiers: [],
      },
    ]);
  });

  it('names the file and the field of a malformed response', () => {
    const message = failure(() =>
      parseOpenRouterModels({ data: [{ id: 'a', pricing: { prompt: '0' } }] }, 'models.json'),
    ).message;
    expect(message).toMatch(
      /^models\.json: data\.0\.pricing\.completion: Invalid input.* \(OpenRouter models format\)$/,
    );
    expect(failure(() => parseOpenRouterModels({ data: [{ id: '' }] }, 'models.json')).message).toMatch(
      /^models\.json: data\.0\.id: /,
    );
  });
});

describe('detectPriceFeedFormat and parsePriceFeed', () => {
  it('calls a document with a data list OpenRouter’s and anything else litellm’s', () => {
    expect(detectPriceFeedFormat({ data: [] })).toBe('openrouter');
    expect(detectPriceFeedFormat({ data: {} })).toBe('litellm');
    expect(detectPriceFeedFormat({ 'gpt-4o': {} })).toBe('litellm');
    expect(detectPriceFeedFormat([{ data: [] }])).toBe('litellm');
    expect(detectPriceFeedFormat(null)).toBe('litellm');
    expect(detectPriceFeedFormat('data')).toBe('litellm');
  });

  it('parses each format from JSON text', () => {
    expect(
      parsePriceFeed({
        text: '{"data":[{"id":"x/y","pricing":{"prompt":"0.000001","completion":"0.000002"}}]}',
        file: 'models.json',
      }),
    ).toEqual({
      format: 'openrouter',
      prices: [
        {
          key: 'x/y',
          provider: 'openrouter',
          providerModel: 'x/y',
          inputUsdPerMillion: 1,
          outputUsdPerMillion: 2,
          tiers: [],
        },
      ],
    });
    expect(
      parsePriceFeed({
        text: '{"x":{"input_cost_per_token":1e-6,"output_cost_per_token":2e-6}}',
        file: 'p.json',
      }),
    ).toEqual({
      format: 'litellm',
      prices: [
        {
          key: 'x',
          provider: 'unknown',
          providerModel: 'x',
          inputUsdPerMillion: 1,
          outputUsdPerMillion: 2,
          tiers: [],
        },
      ],
    });
  });

  it('gives JSON.parse’s own reason for text that is not JSON', () => {
    let reason = '';
    try {
      JSON.parse('{"a": ');
    } catch (error) {
      reason = (error as Error).message;
    }
    const error = failure(() => parsePriceFeed({ text: '{"a": ', file: 'feed.json' }));
    expect(error.message).toBe(`feed.json: not valid JSON: ${reason}`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
