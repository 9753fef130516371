import { parseYaml } from './parse-yaml.ts';
import { z } from 'zod';
import { InputError } from '../spec/index.ts';
import { precisionSchema } from './catalog-types.ts';
import { parseDataFile } from './parse-data-file.ts';

const share = z.number().min(0).max(1);
const positiveCount = z.number().positive();

const tokensPerMonthSchema = z.union([
  z.strictObject({
    input: z.number().nonnegative(),
    output: positiveCount,
    /** Share of input tokens served from the provider's prompt cache. Default 0. */
    cachedInputShare: share.default(0),
  }),
  z
    .strictObject({ total: positiveCount, inputShare: share, cachedInputShare: share.default(0) })
    .transform(({ total, inputShare, cachedInputShare }) => ({
      input: total * inputShare,
      output: total * (1 - inputShare),
      cachedInputShare,
    })),
]);

const measuredThroughputSchema = z.strictObject({
  model: z.string().min(1),
  gpu: z.string().min(1),
  gpuCount: z.number().int().positive(),
  /** Weight precision the measurement ran at: the figure is used for that precision only. */
  precision: precisionSchema,
  outputTokensPerSecond: positiveCount,
  tpotMs: positiveCount.optional(),
  ttftMs: positiveCount.optional(),
  /** Request sizes of the measurement; default: the workload's average request. */
  inputTokens: positiveCount.optional(),
  outputTokens: positiveCount.optional(),
  source: z.string().default('workload file'),
});

/** A price the workload supplies for a model (catalogued or not): used instead of, or besides, catalog prices. */
const workloadPriceSchema = z.strictObject({
  model: z.string().min(1),
  provider: z.string().min(1),
  inputUsdPerMillion: z.number().nonnegative(),
  cachedInputUsdPerMillion: z.number().nonnegative().optional(),
  cacheWriteUsdPerMillion: z.number().nonnegative().optional(),
  outputUsdPerMillion: z.number().nonnegative(),
  regions: z.array(z.string().min(1)).optional(),
  /** Price of fine-tuning this model at this provider, per million training tokens. */
  fineTuningTrainingUsdPerMillion: z.number().nonnegative().optional(),
  source: z.string().min(1).default('workload file'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .optional(),
});

/** Fine-tuning as a line of the TCO: training tokens per run, runs per year and the method. */
const fineTuningSchema = z.strictObject({
  /** Tokens in the training set. */
  trainingTokens: positiveCount,
  epochs: positiveCount.default(3),
  /** Training runs per year (re-training as data changes). */
  runsPerYear: positiveCount.default(1),
  /** Self-hosted method: LoRA on bf16 weights, or QLoRA on 4-bit weights (slower per token). */
  method: z.enum(['lora', 'qlora']).default('lora'),
  /** GPU used for self-hosted training; default: the self-hosting plan's GPU type. */
  gpu: z.string().min(1).optional(),
});

/** People's time, priced: engineering (integration, evaluation) and operations (on-call, upgrades). */
const staffSchema = z.strictObject({
  usdPerHour: z.number().nonnegative(),
  /** Hours a month for an API deployment. */
  apiHoursPerMonth: z.number().nonnegative().default(0),
  /** Hours a month for a self-hosted deployment. */
  selfHostedHoursPerMonth: z.number().nonnegative().default(0),
});

export const workloadSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  tokensPerMonth: tokensPerMonthSchema,
  /** Typical request size: sets price tiers, peak load and the KV cache per sequence. */
  averageRequest: z
    .strictObject({ inputTokens: positiveCount, outputTokens: positiveCount })
    .default({ inputTokens: 1000, outputTokens: 300 }),
  peakRequestsPerSecond: z.number().nonnegative().default(0),
  latencyTarget: z
    .strictObject({ tpotMs: positiveCount.optional(), ttftMs: positiveCount.optional() })
    .optional(),
  /** Monthly active users of the product (licences such as Llama's bind above a threshold). */
  monthlyActiveUsers: z.number().int().nonnegative().optional(),
  /** What the deployment is used for (e.g. military, surveillance): checked against licences' prohibited uses. */
  useCases: z.array(z.string().min(1)).default([]),
  qualityFloors: z.array(z.strictObject({ benchmark: z.string().min(1), min: z.number() })).default([]),
  constraints: z
    .strictObject({
      onPremises: z.boolean().default(false),
      /** Region the data must stay in (e.g. eu, us); self-hosting is assumed to be placed there. */
      dataResidency: z.string().min(1).optional(),
      /** Allowed licence ids (catalog `licence.id`, e.g. apache-2.0, llama-3.1-community, proprietary). */
      licences: z.array(z.string().min(1)).optional(),
      /** Self-hosting in a commercial product needs a licence that allows commercial use. Default true. */
      commercialUse: z.boolean().default(true),
      fineTuning: z.boolean().default(false),
    })
    .default({ onPremises: false, commercialUse: true, fineTuning: false }),
  horizonMonths: z.number().int().positive().default(12),
  /**
   * The highest average share of self-hosted capacity to plan for (headroom for bursts); replicas are added
   * until the monthly volume fits under it. The utilization actually reached is reported beside the cost.
   */
  utilization: z.number().gt(0).max(1).default(0.5),
  /** Other fixed self-hosting costs per month (monitoring, power, rack space). */
  operationsUsdPerMonth: z.number().nonnegative().default(0),
  staff: staffSchema.optional(),
  fineTuning: fineTuningSchema.optional(),
  /** Prices for any model, catalogued or not (an uncatalogued model becomes an API-only candidate). */
  prices: z.array(workloadPriceSchema).default([]),
  selfHosting: z
    .strictObject({
      gpuTypes: z.array(z.string().min(1)).optional(),
      gpuHourlyUsd: z
        .array(z.strictObject({ gpu: z.string().min(1), usd: z.number().nonnegative() }))
        .default([]),
      precisions: z.array(precisionSchema).min(1).default(['bf16', 'fp8']),
      kvCachePrecision: precisionSchema.default('bf16'),
      /** Tokens of KV cache reserved per sequence. Default: average input + output, at least 4096. */
      contextTokens: z.number().int().positive().optional(),
      /** Sequences held in memory at once. Default 16. */
      concurrentSequences: z.number().int().positive().default(16),
      runtimeOverheadFraction: z.number().min(0).lt(1).default(0.1),
      throughput: z.array(measuredThroughputSchema).default([]),
    })
    .default({
      gpuHourlyUsd: [],
      precisions: ['bf16', 'fp8'],
      kvCachePrecision: 'bf16',
      concurrentSequences: 16,
      runtimeOverheadFraction: 0.1,
      throughput: [],
    }),
  /** Catalog model ids to consider. Default: every catalog model. */
  candidates: z.array(z.string().min(1)).optional(),
});

export type Workload = z.infer<typeof workloadSchema>;
export type MeasuredThroughput = z.infer<typeof measuredThroughputSchema>;
export type WorkloadPrice = z.infer<typeof workloadPriceSchema>;

/**
 * Parses and validates a workload file; errors name the file and the field (exit code 2). Beyond each field's
 * own check, inputs that contradict each other are refused: a monthly input:output ratio more than 25% away
 * from the average request's (when `average_request` is given), a peak below the average request rate the
 * monthly volume implies, and a KV reservation shorter than an average request.
 */
export function parseWorkload(options: { text: string; file: string }): Workload {
  const workload = parseDataFile({ text: options.text, file: options.file, schema: workloadSchema });
  const fail = (message: string): never => {
    throw new InputError(message, { location: options.file });
  };
  // The schema accepted the document, so it is a mapping.
  const raw = parseYaml(options.text) as Record<string, unknown>;
  const requestGiven = 'average_request' in raw;
  const { input, output } = workload.tokensPerMonth;
  const { inputTokens, outputTokens } = workload.averageRequest;
  const monthlyRatio = input / output;
  const requestRatio = inputTokens / outputTokens;
  if (requestGiven && Math.abs(monthlyRatio / requestRatio - 1) > 0.25) {
    const share = inputTokens / (inputTokens + outputTokens);
    fail(
      `tokens_per_month: ${monthlyRatio.toFixed(1)} input tokens per output token (input share ${(input / (input + output)).toFixed(2)}) contradicts average_request (${inputTokens} / ${outputTokens} = ${requestRatio.toFixed(1)}); make them agree (input share ${share.toFixed(2)} for these requests)`,
    );
  }
  const averageRequestsPerSecond = output / outputTokens / (730 * 3600);
  if (workload.peakRequestsPerSecond > 0 && workload.peakRequestsPerSecond < averageRequestsPerSecond) {
    fail(
      `peak_requests_per_second: ${workload.peakRequestsPerSecond} is below the average rate the monthly volume implies (${averageRequestsPerSecond.toFixed(2)}/s = output tokens ÷ average_request.output_tokens ÷ 730 h)`,
    );
  }
  const context = workload.selfHosting.contextTokens ?? Number.POSITIVE_INFINITY;
  if (context < inputTokens + outputTokens) {
    fail(
      `self_hosting.context_tokens: ${context} is shorter than an average request (${inputTokens} + ${outputTokens} tokens)`,
    );
  }
  return workload;
}

/** KV cache reserved per sequence: the workload's value, else average input + output, at least 4096. */
export function workloadContextTokens(workload: Workload): number {
  return (
    workload.selfHosting.contextTokens ??
    Math.max(4096, Math.ceil(workload.averageRequest.inputTokens + workload.averageRequest.outputTokens))
  );
}
