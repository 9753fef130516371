import type { TcoCandidate } from '../cost/evaluate-tco.ts';

export interface TcoCandidateJson {
  model: string;
  model_name: string;
  deployment: 'api' | 'self_hosted';
  provider: string | null;
  gpus: { type: string; count: number } | null;
  replicas: number | null;
  precision: string | null;
  gpu_hourly_usd: number | null;
  /** The GPU price's source and date (catalog) or `workload` when the workload file gave it. */
  gpu_price: {
    source: string;
    as_of: string;
    cloud_prices: { cloud: string; hourly_usd: number; source: string; as_of: string }[];
  } | null;
  monthly_cost_usd: number | null;
  horizon_cost_usd: number | null;
  /** Monthly spend split into input and output (fixed costs included in each); input + output = monthly. */
  spend: { input_usd: number; output_usd: number; fixed_usd: number } | null;
  cost_per_million_input_tokens_usd: number | null;
  cost_per_million_output_tokens_usd: number | null;
  cost_per_million_tokens_usd: number | null;
  utilization: number | null;
  full_load_cost_per_million_tokens_usd: number | null;
  full_load_cost_per_million_output_tokens_usd: number | null;
  fine_tuning: { usd_per_month: number; basis: string; description: string } | null;
  staff_usd_per_month: number | null;
  price: {
    input_usd_per_million: number;
    cached_input_usd_per_million: number | null;
    cache_write_usd_per_million: number | null;
    output_usd_per_million: number;
    source: string;
    as_of: string;
  } | null;
  throughput: {
    output_tokens_per_second: number;
    input_tokens_per_second: number;
    tpot_ms: number | null;
    ttft_ms: number | null;
    basis: string;
    adjusted: boolean;
    source: string;
  } | null;
  /** Self-hosting setups not chosen, each with the constraints that excluded it (empty: only dearer). */
  rejected_setups: {
    gpus: { type: string; count: number };
    precision: string;
    monthly_cost_usd: number | null;
    violations: string[];
  }[];
  memory: { weight_gb: number; kv_cache_gb: number; usable_gb: number } | null;
  break_even: {
    versus_model: string;
    versus_provider: string;
    output_tokens_per_month: number | null;
    tokens_per_month: number | null;
  } | null;
  quality: {
    benchmark: string;
    value: number;
    ci95: [number, number] | null;
    basis: string;
    protocol: string;
    source: string;
  }[];
  violations: string[];
}

/** Rounds money to cents below $1,000 000 and keeps 4 significant decimals for per-token prices. */
function money(value: number | undefined): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 10_000) / 10_000;
}

function gigabytes(bytes: number): number {
  return Math.round(bytes / 1e7) / 100;
}

/** One candidate in the `parity tco --json` shape (docs/cli.md), extended with the figures behind it. */
export function tcoCandidateJson(candidate: TcoCandidate): TcoCandidateJson {
  const plan = candidate.selfHosting;
  return {
    model: candidate.model,
    model_name: candidate.modelName,
    deployment: candidate.deployment,
    provider: candidate.provider ?? null,
    gpus: plan ? { type: plan.gpu.id, count: plan.gpuCount } : null,
    replicas: plan ? plan.month.replicas : null,
    precision: plan ? plan.precision : null,
    gpu_hourly_usd: plan ? plan.gpuHourlyUsd : null,
    gpu_price: plan
      ? plan.gpuHourlyUsd !== plan.gpu.hourlyUsd
        ? { source: 'workload file (self_hosting.gpu_hourly_usd)', as_of: 'workload', cloud_prices: [] }
        : {
            source: plan.gpu.priceSource,
            as_of: plan.gpu.priceAsOf,
            cloud_prices: plan.gpu.cloudPrices.map((entry) => ({
              cloud: entry.cloud,
              hourly_usd: entry.hourlyUsd,
              source: entry.source,
              as_of: entry.asOf,
            })),
          }
      : null,
    monthly_cost_usd: money(candidate.monthlyCostUsd),
    horizon_cost_usd: money(candidate.horizonCostUsd),
    spend: candidate.spend
      ? {
          input_usd: money(candidate.spend.inputUsd) ?? 0,
          output_usd: money(candidate.spend.outputUsd) ?? 0,
          fixed_usd: money(candidate.spend.fixedUsd) ?? 0,
        }
      : null,
    cost_per_million_input_tokens_usd: money(candidate.costPerMillionInputTokensUsd),
    cost_per_million_output_tokens_usd: money(candidate.costPerMillionOutputTokensUsd),
    cost_per_million_tokens_usd: money(candidate.costPerMillionTokensUsd),
    utilization:
      candidate.utilization === undefined ? null : Math.round(candidate.utilization * 10_000) / 10_000,
    full_load_cost_per_million_tokens_usd: money(candidate.fullLoadCostPerMillionTokensUsd),
    full_load_cost_per_million_output_tokens_usd: money(candidate.fullLoadCostPerMillionOutputTokensUsd),
    fine_tuning: candidate.fineTuning
      ? {
          usd_per_month: money(candidate.fineTuning.usdPerMonth) ?? 0,
          basis: candidate.fineTuning.basis,
          description: candidate.fineTuning.description,
        }
      : null,
    staff_usd_per_month: money(candidate.staffUsdPerMonth),
    price: candidate.price
      ? {
          input_usd_per_million: candidate.price.inputUsdPerMillion,
          cached_input_usd_per_million: candidate.price.cachedInputUsdPerMillion ?? null,
          cache_write_usd_per_million: candidate.price.cacheWriteUsdPerMillion ?? null,
          output_usd_per_million: candidate.price.outputUsdPerMillion,
          source: candidate.price.source,
          as_of: candidate.price.asOf,
        }
      : null,
    throughput: candidate.throughput
      ? {
          output_tokens_per_second: Math.round(candidate.throughput.outputTokensPerSecond * 10) / 10,
          input_tokens_per_second: Math.round(candidate.throughput.inputTokensPerSecond * 10) / 10,
          tpot_ms: Math.round(candidate.throughput.tpotMs * 10) / 10,
          ttft_ms:
            candidate.throughput.ttftMs === undefined
              ? null
              : Math.round(candidate.throughput.ttftMs * 10) / 10,
          basis: candidate.throughput.basis,
          adjusted: candidate.throughput.adjusted,
          source: candidate.throughput.source,
        }
      : null,
    rejected_setups: (candidate.rejectedSetups ?? []).map((setup) => ({
      gpus: { type: setup.gpu.id, count: setup.gpuCount },
      precision: setup.precision,
      monthly_cost_usd: money(setup.month?.monthlyUsd),
      throughput: setup.throughput
        ? {
            output_tokens_per_second: Math.round(setup.throughput.outputTokensPerSecond * 10) / 10,
            tpot_ms: Math.round(setup.throughput.tpotMs * 10) / 10,
            basis: setup.throughput.basis,
            adjusted: setup.throughput.adjusted,
            source: setup.throughput.source,
          }
        : null,
      violations: [...setup.violations],
    })),
    memory: plan
      ? {
          weight_gb: gigabytes(plan.weightBytes),
          kv_cache_gb: gigabytes(plan.kvCacheBytes),
          usable_gb: gigabytes(plan.usableBytes),
        }
      : null,
    break_even: candidate.breakEven
      ? {
          versus_model: candidate.breakEven.versus.model,
          versus_provider: candidate.breakEven.versus.provider,
          output_tokens_per_month: candidate.breakEven.outputTokensPerMonth ?? null,
          tokens_per_month: candidate.breakEven.tokensPerMonth ?? null,
        }
      : null,
    quality: candidate.quality.map((figure) => ({
      benchmark: figure.benchmark,
      value: figure.value,
      ci95: figure.ci95 ? [figure.ci95[0], figure.ci95[1]] : null,
      basis: figure.basis,
      protocol: figure.protocol,
      source: figure.source,
    })),
    violations: [...candidate.violations],
  };
}

export interface TcoJson {
  workload: { name: string; file: string };
  candidates: TcoCandidateJson[];
}

export function tcoJson(options: {
  workloadName: string;
  workloadFile: string;
  candidates: readonly TcoCandidate[];
}): TcoJson {
  return {
    workload: { name: options.workloadName, file: options.workloadFile },
    candidates: options.candidates.map(tcoCandidateJson),
  };
}
