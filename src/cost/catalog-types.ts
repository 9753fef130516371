import { z } from 'zod';

/** A date as written in the catalog: YYYY-MM-DD. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const usd = z.number().nonnegative();

export const priceTierSchema = z.strictObject({
  /** The tier applies to requests whose prompt has more than this many tokens. */
  aboveInputTokens: z.number().int().positive(),
  inputUsdPerMillion: usd,
  cachedInputUsdPerMillion: usd.optional(),
  outputUsdPerMillion: usd,
});

export const apiPriceSchema = z.strictObject({
  provider: z.string().min(1),
  providerModel: z.string().min(1),
  inputUsdPerMillion: usd,
  /** Price of prompt tokens served from the provider's prompt cache; undefined when it has none. */
  cachedInputUsdPerMillion: usd.optional(),
  /** Price of prompt tokens written to the prompt cache (Anthropic); billed as input when undefined. */
  cacheWriteUsdPerMillion: usd.optional(),
  outputUsdPerMillion: usd,
  /** Reasoning tokens are billed as output unless a separate price is given. */
  reasoningUsdPerMillion: usd.optional(),
  tiers: z.array(priceTierSchema).default([]),
  /** Regions where the provider processes data (for data-residency constraints); undefined when unknown. */
  regions: z.array(z.string()).optional(),
  /** Whether the provider offers fine-tuning of this model. */
  fineTuning: z.boolean().default(false),
  /** Fine-tuning prices, when the provider publishes them: training per million training tokens, and the
   * per-token prices of using the fine-tuned model when they differ from the base model's. */
  fineTuningPrices: z
    .strictObject({
      trainingUsdPerMillion: usd,
      hostedInputUsdPerMillion: usd.optional(),
      hostedOutputUsdPerMillion: usd.optional(),
    })
    .optional(),
  source: z.string().min(1),
  asOf: isoDate,
});

export const publishedScoreSchema = z.strictObject({
  benchmark: z.string().min(1),
  /** Fraction in [0, 1] (raw scale for graded benchmarks). */
  value: z.number(),
  protocol: z.string().min(1),
  source: z.string().min(1),
  asOf: isoDate,
});

export const precisionSchema = z.enum(['bf16', 'fp16', 'fp8', 'int8', 'int4']);
export type Precision = z.infer<typeof precisionSchema>;

export const publishedThroughputSchema = z.strictObject({
  gpu: z.string().min(1),
  gpuCount: z.number().int().positive(),
  /** Weight precision (a figure is only used for this precision). */
  precision: precisionSchema,
  outputTokensPerSecond: z.number().positive(),
  /** Median time per output token at that load. */
  tpotMs: z.number().positive(),
  /** Conditions of the measurement: average prompt and output tokens per request. */
  inputTokens: z.number().positive(),
  outputTokens: z.number().positive(),
  /** Longest sequence the server was configured for (max_model_len), when it limits where the figure applies. */
  maxSequenceTokens: z.number().int().positive().optional(),
  /** Serving engine and scheduler, e.g. `vllm-0.5.4` or `vllm-0.6.0-multistep`: sets the per-step overhead. */
  engine: z.string().min(1),
  source: z.string().min(1),
  asOf: isoDate,
});

export const architectureSchema = z
  .strictObject({
    layers: z.number().int().positive(),
    kvHeads: z.number().int().positive().optional(),
    headDim: z.number().int().positive().optional(),
    /** For attention that caches something else than K and V per head (DeepSeek's MLA latent vector). */
    kvElementsPerTokenPerLayer: z.number().int().positive().optional(),
  })
  .refine(
    (architecture) =>
      architecture.kvElementsPerTokenPerLayer !== undefined ||
      (architecture.kvHeads !== undefined && architecture.headDim !== undefined),
    'needs kv_heads and head_dim, or kv_elements_per_token_per_layer',
  );

export const catalogModelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by - or .'),
  name: z.string().min(1),
  vendor: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  openWeights: z.boolean(),
  licence: z.strictObject({
    id: z.string().min(1),
    commercialUse: z.boolean(),
    /** Products with more monthly active users than this need a separate licence from the vendor. */
    maxMonthlyActiveUsers: z.number().int().positive().optional(),
    /** Uses the licence or its acceptable-use policy forbids (matched against the workload's `use_cases`). */
    prohibitedUses: z.array(z.string().min(1)).default([]),
    note: z.string().optional(),
  }),
  fineTunable: z.boolean(),
  contextTokens: z.number().int().positive(),
  parameters: z
    .strictObject({ totalBillions: z.number().positive(), activeBillions: z.number().positive() })
    .optional(),
  architecture: architectureSchema.optional(),
  factsSource: z.string().min(1),
  factsAsOf: isoDate,
  apiPrices: z.array(apiPriceSchema).default([]),
  scores: z.array(publishedScoreSchema).default([]),
  throughput: z.array(publishedThroughputSchema).default([]),
});

export const modelCatalogSchema = z.strictObject({ models: z.array(catalogModelSchema) });

export const gpuSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  memoryGb: z.number().positive(),
  memoryBandwidthGbPerSecond: z.number().positive(),
  /**
   * Dense (no sparsity) tensor-core throughput per GPU in TFLOP/s by compute precision; a precision without an
   * entry has no tensor cores of its own (A100: no fp8), so weights stored in it are computed in bf16.
   */
  denseTflops: z.strictObject({
    bf16: z.number().positive(),
    fp8: z.number().positive().optional(),
    int8: z.number().positive().optional(),
  }),
  specSource: z.string().min(1),
  /** The default price per GPU-hour (what tco uses unless the workload gives its own). */
  hourlyUsd: usd,
  hourlyUsdRange: z.tuple([usd, usd]).optional(),
  priceSource: z.string().min(1),
  priceAsOf: isoDate,
  /** On-demand prices per GPU-hour at individual clouds, each with its source and date. */
  cloudPrices: z
    .array(
      z.strictObject({
        cloud: z.string().min(1),
        hourlyUsd: usd,
        source: z.string().min(1),
        asOf: isoDate,
      }),
    )
    .default([]),
});

export const gpuCatalogSchema = z.strictObject({ gpus: z.array(gpuSchema) });

export type PriceTier = z.infer<typeof priceTierSchema>;
export type ApiPrice = z.infer<typeof apiPriceSchema>;
export type PublishedScore = z.infer<typeof publishedScoreSchema>;
export type PublishedThroughput = z.infer<typeof publishedThroughputSchema>;
export type Architecture = z.infer<typeof architectureSchema>;
export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type ModelCatalog = z.infer<typeof modelCatalogSchema>;
export type Gpu = z.infer<typeof gpuSchema>;
export type GpuCatalog = z.infer<typeof gpuCatalogSchema>;
