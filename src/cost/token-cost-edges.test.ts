import { describe, expect, it } from 'vitest';
import { breakEvenOutputTokensPerMonth } from './break-even.ts';
import { createSpendMeter } from './spend-meter.ts';
import { ratesForPrompt, requestCostUsd, runCost, type TokenPrice } from './token-cost.ts';

// Gemini-style long-prompt tiers, listed out of order on purpose: base 1.25 / 5, above 128k 2.50 / 10 with a
// cached rate of 0.625, above 200k 5 / 20 without one.
const tiered: TokenPrice = {
  inputUsdPerMillion: 1.25,
  cachedInputUsdPerMillion: 0.3125,
  outputUsdPerMillion: 5,
  tiers: [
    { aboveInputTokens: 200_000, inputUsdPerMillion: 5, outputUsdPerMillion: 20 },
    {
      aboveInputTokens: 128_000,
      inputUsdPerMillion: 2.5,
      cachedInputUsdPerMillion: 0.625,
      outputUsdPerMillion: 10,
    },
  ],
};

describe('ratesForPrompt', () => {
  it('takes the highest tier the prompt exceeds, whatever the order the tiers are listed in', () => {
    expect(ratesForPrompt(tiered, 100_000).inputUsdPerMillion).toBe(1.25);
    expect(ratesForPrompt(tiered, 150_000).inputUsdPerMillion).toBe(2.5);
    expect(ratesForPrompt(tiered, 200_000).inputUsdPerMillion).toBe(2.5);
    expect(ratesForPrompt(tiered, 200_001).inputUsdPerMillion).toBe(5);
    // The price's own tier list is left in its order.
    expect(tiered.tiers.map((tier) => tier.aboveInputTokens)).toEqual([200_000, 128_000]);
  });

  it('takes the highest tier exceeded when the tiers are listed from the lowest up', () => {
    const ascending: TokenPrice = {
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 2,
      tiers: [
        { aboveInputTokens: 32_000, inputUsdPerMillion: 2, outputUsdPerMillion: 4 },
        { aboveInputTokens: 64_000, inputUsdPerMillion: 3, outputUsdPerMillion: 6 },
        { aboveInputTokens: 128_000, inputUsdPerMillion: 4, outputUsdPerMillion: 8 },
        { aboveInputTokens: 200_000, inputUsdPerMillion: 5, outputUsdPerMillion: 10 },
      ],
    };
    expect(ratesForPrompt(ascending, 32_000).inputUsdPerMillion).toBe(1);
    expect(ratesForPrompt(ascending, 50_000).inputUsdPerMillion).toBe(2);
    expect(ratesForPrompt(ascending, 100_000).inputUsdPerMillion).toBe(3);
    expect(ratesForPrompt(ascending, 150_000).inputUsdPerMillion).toBe(4);
    expect(ratesForPrompt(ascending, 250_000).inputUsdPerMillion).toBe(5);
  });
});

describe('requestCostUsd at the edges', () => {
  it('bills cached input at the tier’s cached rate, else the base cached rate', () => {
    // 150,000 in (100,000 cached) at the 128k tier: 50,000 × 2.5 + 100,000 × 0.625 = 125,000 + 62,500 µ$.
    expect(
      requestCostUsd({ usage: { inputTokens: 150_000, cachedInputTokens: 100_000 }, price: tiered }),
    ).toBeCloseTo(0.1875, 12);
    // 250,000 in (100,000 cached) at the 200k tier, which has no cached rate: the base one, 0.3125.
    // 150,000 × 5 + 100,000 × 0.3125 = 750,000 + 31,250 µ$.
    expect(
      requestCostUsd({ usage: { inputTokens: 250_000, cachedInputTokens: 100_000 }, price: tiered }),
    ).toBeCloseTo(0.78125, 12);
  });

  it('bills cached input as input when there is no cached rate at all, at the tier’s input rate', () => {
    const noCache: TokenPrice = {
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 2,
      tiers: [{ aboveInputTokens: 1000, inputUsdPerMillion: 3, outputUsdPerMillion: 4 }],
    };
    // 2,000 in (1,500 cached) and 100 out above 1,000: 2,000 × 3 + 100 × 4 = 6,400 µ$.
    expect(
      requestCostUsd({
        usage: { inputTokens: 2000, cachedInputTokens: 1500, outputTokens: 100 },
        price: noCache,
      }),
    ).toBeCloseTo(0.0064, 12);
    // Cache writes and reasoning without their own price: the tier's input and output rates.
    // 2,000 in (500 written) + 100 out (60 reasoning): 2,000 × 3 + 100 × 4 = 6,400 µ$.
    expect(
      requestCostUsd({
        usage: { inputTokens: 2000, cacheWriteInputTokens: 500, outputTokens: 100, reasoningTokens: 60 },
        price: noCache,
      }),
    ).toBeCloseTo(0.0064, 12);
  });

  it('never bills more cached, written or reasoning tokens than the totals they are part of', () => {
    const price: TokenPrice = {
      inputUsdPerMillion: 10,
      cachedInputUsdPerMillion: 1,
      cacheWriteUsdPerMillion: 100,
      outputUsdPerMillion: 1000,
      reasoningUsdPerMillion: 10_000,
      tiers: [],
    };
    // Cached 800 of 500 input → 500 cached: 500 × 1 = 500 µ$.
    expect(requestCostUsd({ usage: { inputTokens: 500, cachedInputTokens: 800 }, price })).toBeCloseTo(
      0.0005,
      12,
    );
    // 1,000 in, 700 cached, 600 written → only 300 left to write: 700 × 1 + 300 × 100 = 30,700 µ$.
    expect(
      requestCostUsd({
        usage: { inputTokens: 1000, cachedInputTokens: 700, cacheWriteInputTokens: 600 },
        price,
      }),
    ).toBeCloseTo(0.0307, 12);
    // Reasoning 50 of 20 output → 20 reasoning: 20 × 10,000 = 200,000 µ$.
    expect(requestCostUsd({ usage: { outputTokens: 20, reasoningTokens: 50 }, price })).toBeCloseTo(0.2, 12);
    expect(requestCostUsd({ usage: {}, price })).toBe(0);
  });
});

describe('runCost at the edges', () => {
  it('counts a request with only input or only output as priced, and sums every kind of token', () => {
    const price: TokenPrice = {
      inputUsdPerMillion: 1,
      cacheWriteUsdPerMillion: 2,
      outputUsdPerMillion: 4,
      reasoningUsdPerMillion: 8,
      tiers: [],
    };
    const cost = runCost({
      usages: [
        { inputTokens: 1000 },
        { outputTokens: 100, reasoningTokens: 40 },
        { inputTokens: 500, cacheWriteInputTokens: 200, outputTokens: 10 },
        { cachedInputTokens: 5 },
      ],
      price,
    });
    // 1,000 × 1 + (60 × 4 + 40 × 8) + (300 × 1 + 200 × 2 + 10 × 4) = 1,000 + 560 + 740 = 2,300 µ$.
    expect(cost).toEqual({
      costUsd: expect.closeTo(0.0023, 12) as number,
      inputTokens: 1500,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 200,
      outputTokens: 110,
      reasoningTokens: 40,
      requests: 3,
      requestsWithoutUsage: 1,
    });
  });
});

describe('createSpendMeter at the edges', () => {
  const judgePrice: TokenPrice = { inputUsdPerMillion: 5, outputUsdPerMillion: 20, tiers: [] };

  it('measures with a judge price only, and skips usage it has no price for', () => {
    const meter = createSpendMeter({ judgePrice, capUsd: 2 });
    // The model's usage has no price: nothing added. Judge: 0.2M × 5 + 0.05M × 20 = 2.
    expect(meter.add({ model: { inputTokens: 1_000_000 } })).toBe(0);
    expect(meter.spentUsd()).toBe(0);
    expect(meter.reachedCap()).toBe(false);
    expect(meter.add({ judge: { inputTokens: 200_000, outputTokens: 50_000 } })).toBeCloseTo(2, 12);
    // Reaching the cap exactly counts as reached.
    expect(meter.reachedCap()).toBe(true);
    expect(meter.capUsd).toBe(2);
  });

  it('does not price the judge at the model price', () => {
    const meter = createSpendMeter({ modelPrice: judgePrice });
    expect(meter.add({ judge: { inputTokens: 1_000_000 } })).toBe(0);
    expect(meter.spentUsd()).toBe(0);
    expect('capUsd' in meter).toBe(false);
  });

  it('counts a cap of zero as reached from the start', () => {
    expect(createSpendMeter({ modelPrice: judgePrice, capUsd: 0 }).reachedCap()).toBe(true);
  });
});

describe('breakEvenOutputTokensPerMonth at the edges', () => {
  const base = {
    apiUsdPerOutputToken: 4e-6,
    replicaUsdPerMonth: 4000,
    replicaCapacityOutputTokensPerMonth: 1e9,
    operationsUsdPerMonth: 0,
  };

  it('is undefined without an API price or without capacity', () => {
    expect(breakEvenOutputTokensPerMonth({ ...base, apiUsdPerOutputToken: 0 })).toBeUndefined();
    expect(
      breakEvenOutputTokensPerMonth({ ...base, replicaCapacityOutputTokensPerMonth: 0 }),
    ).toBeUndefined();
    // Even with free GPUs and no operations (owned hardware): a free API, or no capacity, never crosses.
    const free = { ...base, replicaUsdPerMonth: 0 };
    expect(breakEvenOutputTokensPerMonth({ ...free, apiUsdPerOutputToken: 0 })).toBeUndefined();
    expect(
      breakEvenOutputTokensPerMonth({ ...free, replicaCapacityOutputTokensPerMonth: 0 }),
    ).toBeUndefined();
    expect(breakEvenOutputTokensPerMonth({ ...free, apiUsdPerOutputToken: -1e-6 })).toBeUndefined();
    expect(
      breakEvenOutputTokensPerMonth({ ...free, replicaCapacityOutputTokensPerMonth: -1 }),
    ).toBeUndefined();
  });

  it('is zero tokens when self-hosting costs nothing at all', () => {
    expect(breakEvenOutputTokensPerMonth({ ...base, replicaUsdPerMonth: 0 })).toBe(0);
  });

  it('meets at a full replica when a replica earns exactly its cost, unless there are operations', () => {
    // 4e-6 × 1e9 = $4,000 = the replica: equal at 1e9 tokens, never cheaper with $1 of operations.
    expect(breakEvenOutputTokensPerMonth(base)).toBeCloseTo(1e9, 0);
    expect(breakEvenOutputTokensPerMonth({ ...base, operationsUsdPerMonth: 1 })).toBeUndefined();
  });

  it('is the replica’s cost over the API price when there are no operations', () => {
    // $3,000 / 4e-6 = 7.5e8 tokens.
    expect(breakEvenOutputTokensPerMonth({ ...base, replicaUsdPerMonth: 3000 })).toBeCloseTo(7.5e8, 0);
  });

  it('crosses at one replica’s capacity when operations equal its margin, and in the second replica beyond', () => {
    // Margin $1,000 (4,000 − 3,000), operations $1,000 → 1 replica: (3,000 + 1,000) / 4e-6 = 1e9, at the edge.
    expect(
      breakEvenOutputTokensPerMonth({ ...base, replicaUsdPerMonth: 3000, operationsUsdPerMonth: 1000 }),
    ).toBeCloseTo(1e9, 0);
    // Operations $1,500 → ceil(1.5) = 2 replicas: (6,000 + 1,500) / 4e-6 = 1.875e9, in (1e9, 2e9].
    expect(
      breakEvenOutputTokensPerMonth({ ...base, replicaUsdPerMonth: 3000, operationsUsdPerMonth: 1500 }),
    ).toBeCloseTo(1.875e9, 0);
  });
});
