import type { ApiPrice, CatalogModel, Gpu } from './catalog-types.ts';
import type { Workload } from './workload.ts';

/** Share of dense bf16 tensor throughput a LoRA training run reaches; a stated assumption (typical 30–40%). */
export const trainingComputeEfficiency = 0.35;
/** QLoRA dequantizes 4-bit weights in every forward and backward pass: assumed 30% slower per token than LoRA. */
export const qloraSlowdown = 1.3;

export interface FineTuningCost {
  readonly usdPerMonth: number;
  /** How the figure was reached, with its basis. */
  readonly basis: 'published' | 'estimate';
  readonly description: string;
}

type FineTuning = NonNullable<Workload['fineTuning']>;

const trainedTokensPerYear = (fineTuning: FineTuning): number =>
  fineTuning.trainingTokens * fineTuning.epochs * fineTuning.runsPerYear;

/** An API's fine-tuning at its published training price, spread over twelve months. */
export function apiFineTuningCost(options: {
  price: ApiPrice;
  fineTuning: FineTuning;
}): FineTuningCost | undefined {
  const prices = options.price.fineTuningPrices;
  if (!prices) return undefined;
  const tokens = trainedTokensPerYear(options.fineTuning);
  return {
    usdPerMonth: (tokens * prices.trainingUsdPerMillion) / 1e6 / 12,
    basis: 'published',
    description: `${options.price.provider} training at $${prices.trainingUsdPerMillion}/M tokens × ${tokens.toExponential(2)} tokens a year (as of ${options.price.asOf})`,
  };
}

/**
 * Self-hosted LoRA/QLoRA training, estimated from token counts: LoRA needs the forward pass (2 × active
 * parameters FLOPs per token) and the backward pass through activations (another 2 ×) but no gradients of the
 * frozen weights, so ≈ 4 × parameters FLOPs per trained token; at `trainingComputeEfficiency` of the GPU's bf16
 * throughput (QLoRA × `qloraSlowdown`). GPU-hours × the GPU's hourly price, spread over twelve months.
 */
export function selfHostedFineTuningCost(options: {
  model: CatalogModel;
  gpu: Gpu;
  gpuHourlyUsd: number;
  fineTuning: FineTuning;
}): FineTuningCost | undefined {
  const active = options.model.parameters?.activeBillions;
  if (active === undefined) return undefined;
  const flops = 4 * active * 1e9 * trainedTokensPerYear(options.fineTuning);
  const slowdown = options.fineTuning.method === 'qlora' ? qloraSlowdown : 1;
  const gpuHours =
    (flops * slowdown) / (options.gpu.denseTflops.bf16 * 1e12 * trainingComputeEfficiency) / 3600;
  return {
    usdPerMonth: (gpuHours * options.gpuHourlyUsd) / 12,
    basis: 'estimate',
    description: `${options.fineTuning.method === 'qlora' ? 'QLoRA' : 'LoRA'} estimate: ${gpuHours.toFixed(0)} ${options.gpu.id} GPU-hours a year at $${options.gpuHourlyUsd}/h (4 × ${active}B FLOPs per token at ${trainingComputeEfficiency * 100}% of bf16 peak)`,
  };
}
