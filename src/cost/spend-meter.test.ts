import { describe, expect, it } from 'vitest';
import { createSpendMeter } from './spend-meter.ts';
import type { TokenPrice } from './token-cost.ts';

const price: TokenPrice = {
  inputUsdPerMillion: 2,
  cachedInputUsdPerMillion: 1,
  outputUsdPerMillion: 10,
  tiers: [],
};
const judgePrice: TokenPrice = { inputUsdPerMillion: 5, outputUsdPerMillion: 20, tiers: [] };

describe('createSpendMeter', () => {
  it('prices the model and the judge at their own list prices, cached input at the cached rate', () => {
    const meter = createSpendMeter({ modelPrice: price, judgePrice, capUsd: 10 });
    // 1M input of which 0.5M cached: 0.5 × 2 + 0.5 × 1 = 1.5; 0.1M output: 1.0.
    expect(
      meter.add({ model: { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 100_000 } }),
    ).toBeCloseTo(2.5, 10);
    // Judge: 0.2M input × 5 + 0.05M output × 20 = 1 + 1.
    expect(meter.add({ judge: { inputTokens: 200_000, outputTokens: 50_000 } })).toBeCloseTo(4.5, 10);
    expect(meter.reachedCap()).toBe(false);
    meter.add({ model: { inputTokens: 3_000_000 } });
    expect(meter.spentUsd()).toBeCloseTo(10.5, 10);
    expect(meter.reachedCap()).toBe(true);
  });

  it('measures nothing without a price and never reaches a missing cap', () => {
    const unpriced = createSpendMeter({});
    unpriced.add({ model: { inputTokens: 1_000_000 } });
    expect(unpriced.spentUsd()).toBeUndefined();
    const uncapped = createSpendMeter({ modelPrice: price });
    uncapped.add({ model: { inputTokens: 100_000_000 } });
    expect(uncapped.reachedCap()).toBe(false);
    expect(uncapped.spentUsd()).toBe(200);
  });
});
