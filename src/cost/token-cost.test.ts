import { describe, expect, it } from 'vitest';
import { ratesForPrompt, requestCostUsd, runCost, type TokenPrice } from './token-cost.ts';

const gpt4o: TokenPrice = {
  inputUsdPerMillion: 2.5,
  cachedInputUsdPerMillion: 1.25,
  outputUsdPerMillion: 10,
  tiers: [],
};
const gemini: TokenPrice = {
  inputUsdPerMillion: 1.25,
  outputUsdPerMillion: 5,
  tiers: [{ aboveInputTokens: 128_000, inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 }],
};

describe('requestCostUsd', () => {
  it('bills cached input at the cached rate and reasoning as output', () => {
    // (1,000 − 400) × 2.50 + 400 × 1.25 + 500 × 10.00 = 1,500 + 500 + 5,000 = 7,000 µ$ per M → $0.007
    const usd = requestCostUsd({
      usage: { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 500, reasoningTokens: 200 },
      price: gpt4o,
    });
    expect(usd).toBeCloseTo(0.007, 10);
  });

  it('bills cache writes at their own rate, apart from cache reads and plain input', () => {
    const claude: TokenPrice = {
      inputUsdPerMillion: 3,
      cachedInputUsdPerMillion: 0.3,
      cacheWriteUsdPerMillion: 3.75,
      outputUsdPerMillion: 15,
      tiers: [],
    };
    // (10,000 − 6,000 − 2,000) × 3 + 6,000 × 0.30 + 2,000 × 3.75 + 100 × 15 = 6,000 + 1,800 + 7,500 + 1,500 µ$
    const usage = {
      inputTokens: 10_000,
      cachedInputTokens: 6000,
      cacheWriteInputTokens: 2000,
      outputTokens: 100,
    };
    expect(requestCostUsd({ usage, price: claude })).toBeCloseTo(0.0168, 10);
    // Without a cache-write price, writes are billed as input.
    const { cacheWriteUsdPerMillion: _omitted, ...withoutWritePrice } = claude;
    expect(requestCostUsd({ usage, price: withoutWritePrice })).toBeCloseTo(0.0153, 10);
  });

  it('switches to the long-prompt tier above its threshold', () => {
    expect(ratesForPrompt(gemini, 128_000).inputUsdPerMillion).toBe(1.25);
    expect(ratesForPrompt(gemini, 128_001).inputUsdPerMillion).toBe(2.5);
    // 200,000 × 2.50 + 1,000 × 10 = 510,000 µ$ → $0.51
    expect(
      requestCostUsd({ usage: { inputTokens: 200_000, outputTokens: 1000 }, price: gemini }),
    ).toBeCloseTo(0.51, 10);
  });

  it('prices reasoning tokens separately when the provider does', () => {
    const price: TokenPrice = { ...gpt4o, reasoningUsdPerMillion: 20 };
    // 300 × 10 + 200 × 20 = 7,000 µ$
    expect(requestCostUsd({ usage: { outputTokens: 500, reasoningTokens: 200 }, price })).toBeCloseTo(
      0.007,
      10,
    );
  });
});

describe('runCost', () => {
  it('sums requests and counts those without usage apart', () => {
    const cost = runCost({
      usages: [
        { inputTokens: 1000, outputTokens: 100 },
        undefined,
        {},
        { inputTokens: 3000, cachedInputTokens: 1000, outputTokens: 300 },
      ],
      price: gpt4o,
    });
    // 1,000 × 2.5 + 100 × 10 + 2,000 × 2.5 + 1,000 × 1.25 + 300 × 10 = 2,500 + 1,000 + 5,000 + 1,250 + 3,000 = 12,750 µ$
    expect(cost).toEqual({
      costUsd: expect.closeTo(0.01275, 10) as number,
      inputTokens: 4000,
      cachedInputTokens: 1000,
      cacheWriteInputTokens: 0,
      outputTokens: 400,
      reasoningTokens: 0,
      requests: 2,
      requestsWithoutUsage: 2,
    });
  });
});
