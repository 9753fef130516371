import { z } from 'zod';
import type { BenchLoad, BenchStepRecord, GenerateRequest, ItemRecord, LatencyStats } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { benchLoadLabel } from './format-bench-table.ts';
import { benchStepScores } from './bench-step-json.ts';

// How a bench step lives in the run store without a new table (docs/decisions/0050-bench-load-generator.md):
// one ItemRecord per step, itemId `step-<i>`, group = the load label, `scores` = the step's --json object,
// `extracted` = the whole BenchStepRecord (metrics, per-request samples, settings) as versioned JSON.

/** Version of the JSON kept in a bench step's `extracted` column. */
export const benchStepRecordVersion = 1;

const optionalMs = z.number().optional();
const latencySchema: z.ZodType<LatencyStats> = z.object({
  count: z.number().int().nonnegative(),
  mean: optionalMs,
  std: optionalMs,
  median: optionalMs,
  p90: optionalMs,
  p95: optionalMs,
  p99: optionalMs,
});
const loadSchema: z.ZodType<BenchLoad> = z.union([
  z.object({ type: z.literal('concurrency'), concurrency: z.number().int().positive() }),
  z.object({
    type: z.literal('request-rate'),
    // JSON has no Infinity: an unlimited rate is stored as null.
    requestRate: z
      .number()
      .positive()
      .nullable()
      .transform((rate) => rate ?? Number.POSITIVE_INFINITY),
    burstiness: z.number().positive(),
  }),
]);
const sloSchema = z.object({ ttftMs: optionalMs, tpotMs: optionalMs, e2elMs: optionalMs });
const stepRecordSchema = z.object({
  version: z.literal(benchStepRecordVersion),
  stepIndex: z.number().int().nonnegative(),
  metrics: z.object({
    load: loadSchema,
    completed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    errorRate: z.number(),
    durationS: z.number(),
    totalInputTokens: z.number(),
    totalOutputTokens: z.number(),
    requestThroughput: z.number(),
    outputThroughput: z.number(),
    totalTokenThroughput: z.number(),
    goodput: z.number().optional(),
    ttft: latencySchema,
    ttftFirstChunk: latencySchema.optional(),
    ttftReasoning: latencySchema.optional(),
    ttftContent: latencySchema.optional(),
    tpot: latencySchema,
    itl: latencySchema,
    e2el: latencySchema,
    outputTokensCounted: z.number().int().nonnegative(),
    maxOutputTokensPerS: z.number().optional(),
    maxConcurrentRequests: z.number().int().nonnegative().optional(),
    cost: z
      .object({
        gpuHourlyUsd: z.number(),
        gpus: z.number(),
        usdPerMillionOutputTokens: z.number().optional(),
        usdPerMillionTotalTokens: z.number().optional(),
      })
      .optional(),
  }),
  requests: z.array(
    z.object({
      startMs: z.number(),
      status: z.enum(['ok', 'error']),
      ttftMs: optionalMs,
      ttftFirstChunkMs: optionalMs,
      ttftReasoningMs: optionalMs,
      ttftContentMs: optionalMs,
      e2elMs: optionalMs,
      itlMs: z.array(z.number()),
      inputTokens: z.number().optional(),
      outputTokens: z.number().optional(),
      outputTokensFromServer: z.boolean().optional(),
      error: z.string().optional(),
    }),
  ),
  settings: z.object({
    endpoint: z.enum(['chat', 'completions']),
    inputTokens: z.number(),
    outputTokens: z.number(),
    promptsFrom: z.string().optional(),
    ignoreEos: z.boolean(),
    seed: z.number(),
    requestsPerStep: z.number().optional(),
    durationPerStepS: z.number().optional(),
    warmupRequests: z.number(),
    slo: sloSchema.optional(),
    hardware: z
      .object({
        gpu: z.string(),
        gpuCount: z.number(),
        precision: z.enum(['bf16', 'fp16', 'fp8', 'int8', 'int4']).optional(),
      })
      .optional(),
  }),
});

/** Whether a stored item is a bench step (rather than an evaluation item). */
export function isBenchStepItem(record: ItemRecord): boolean {
  return /^step-\d+$/.test(record.itemId);
}

/** The ItemRecord that stores one step: `request` is a representative request of the step. */
export function benchStepItemRecord(options: {
  runId: string;
  step: BenchStepRecord;
  request: GenerateRequest;
}): ItemRecord {
  const { step } = options;
  const load = step.metrics.load;
  const storedLoad =
    load.type === 'request-rate' && !Number.isFinite(load.requestRate)
      ? { ...load, requestRate: null }
      : load;
  const stored = { version: benchStepRecordVersion, ...step, metrics: { ...step.metrics, load: storedLoad } };
  return {
    itemId: `step-${step.stepIndex}`,
    sample: 0,
    group: benchLoadLabel(load),
    status: 'ok',
    request: options.request,
    extracted: JSON.stringify(stored),
    scores: benchStepScores(step.metrics),
    cached: false,
    attempts: 1,
    // No response is stored, so nothing reaches the response cache under this key.
    cacheKey: `bench:${options.runId}:step-${step.stepIndex}`,
  };
}

/**
 * A stored step back, with its per-request samples (for latency CDFs and latency–throughput curves).
 * Throws InputError naming the run and step when the record is not a readable bench step.
 */
export function readBenchStepRecord(record: ItemRecord, options: { runId: string }): BenchStepRecord {
  const location = `run ${options.runId}, ${record.itemId}`;
  if (!isBenchStepItem(record) || record.extracted === null) {
    throw new InputError('not a bench step record', { location });
  }
  try {
    const { version: _version, ...step } = stepRecordSchema.parse(JSON.parse(record.extracted));
    return step as BenchStepRecord;
  } catch (error) {
    throw new InputError(
      `stored bench step does not parse: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`,
      {
        location,
        cause: error,
      },
    );
  }
}
