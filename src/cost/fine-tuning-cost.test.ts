// Fine-tuning cost per month, worked by hand: an API's published training price × tokens a year ÷ 12, and a
// self-hosted LoRA/QLoRA run from 4 × active parameters FLOPs per trained token at 35% of the GPU's bf16 peak.
import { describe, expect, it } from 'vitest';
import { apiPriceSchema, catalogModelSchema, gpuSchema } from './catalog-types.ts';
import { apiFineTuningCost, selfHostedFineTuningCost } from './fine-tuning-cost.ts';

// 10M tokens × 3 epochs × 2 runs = 6e7 trained tokens a year.
const fineTuning = { trainingTokens: 1e7, epochs: 3, runsPerYear: 2, method: 'lora' as const };

const price = (fineTuningPrices?: { trainingUsdPerMillion: number }) =>
  apiPriceSchema.parse({
    provider: 'openai',
    providerModel: 'gpt-4o-mini',
    inputUsdPerMillion: 0.15,
    outputUsdPerMillion: 0.6,
    ...(fineTuningPrices ? { fineTuningPrices } : {}),
    source: 'pricing page',
    asOf: '2026-11-01',
  });

const gpu = gpuSchema.parse({
  id: 'H100-80GB',
  name: 'H100',
  memoryGb: 80,
  memoryBandwidthGbPerSecond: 3350,
  denseTflops: { bf16: 1000 },
  specSource: 'datasheet',
  hourlyUsd: 2,
  priceSource: 'cloud',
  priceAsOf: '2026-11-01',
});

const model = (parameters?: { totalBillions: number; activeBillions: number }) =>
  catalogModelSchema.parse({
    id: 'm',
    name: 'm',
    vendor: 'v',
    openWeights: true,
    licence: { id: 'open', commercialUse: true },
    fineTunable: true,
    contextTokens: 8192,
    ...(parameters ? { parameters } : {}),
    factsSource: 'card',
    factsAsOf: '2026-10-01',
  });

describe('apiFineTuningCost', () => {
  it('spreads a year of training at the published price over twelve months', () => {
    // 6e7 tokens × $3/M = $180 a year = $15 a month.
    const cost = apiFineTuningCost({ price: price({ trainingUsdPerMillion: 3 }), fineTuning });
    expect(cost?.usdPerMonth).toBeCloseTo(15, 12);
    expect(cost?.basis).toBe('published');
    expect(cost?.description).toBe(
      'openai training at $3/M tokens × 6.00e+7 tokens a year (as of 2026-11-01)',
    );
  });

  it('has no figure without a published training price', () => {
    expect(apiFineTuningCost({ price: price(), fineTuning })).toBeUndefined();
  });
});

describe('selfHostedFineTuningCost', () => {
  it('LoRA: 4 × active parameters FLOPs per token at 35% of bf16 peak', () => {
    // 4 × 7e9 × 6e7 = 1.68e18 FLOPs ÷ (1e15 × 0.35) = 4,800 s = 1.333 GPU-hours × $2 ÷ 12.
    const cost = selfHostedFineTuningCost({
      model: model({ totalBillions: 8, activeBillions: 7 }),
      gpu,
      gpuHourlyUsd: 2,
      fineTuning,
    });
    expect(cost?.usdPerMonth).toBeCloseTo(((4800 / 3600) * 2) / 12, 12);
    expect(cost?.basis).toBe('estimate');
    expect(cost?.description).toBe(
      'LoRA estimate: 1 H100-80GB GPU-hours a year at $2/h (4 × 7B FLOPs per token at 35% of bf16 peak)',
    );
  });

  it('QLoRA is 30% slower per token', () => {
    const lora = selfHostedFineTuningCost({
      model: model({ totalBillions: 70, activeBillions: 70 }),
      gpu,
      gpuHourlyUsd: 2,
      fineTuning,
    });
    const qlora = selfHostedFineTuningCost({
      model: model({ totalBillions: 70, activeBillions: 70 }),
      gpu,
      gpuHourlyUsd: 2,
      fineTuning: { ...fineTuning, method: 'qlora' },
    });
    expect((qlora?.usdPerMonth ?? 0) / (lora?.usdPerMonth ?? 1)).toBeCloseTo(1.3, 12);
    // 4 × 70e9 × 6e7 × 1.3 ÷ 3.5e14 ÷ 3,600 = 17.3 GPU-hours.
    expect(qlora?.description).toMatch(/^QLoRA estimate: 17 H100-80GB GPU-hours a year/);
  });

  it('has no figure without a parameter count', () => {
    expect(selfHostedFineTuningCost({ model: model(), gpu, gpuHourlyUsd: 2, fineTuning })).toBeUndefined();
  });
});
