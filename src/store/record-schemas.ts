import { z } from 'zod';
import type {
  GenerateRequest,
  ModelIdentity,
  ModelResponse,
  RunConfig,
  RunKind,
  RunStatus,
} from '../spec/index.ts';

// Shapes of the JSON columns, checked when read back: the database is a file anyone can edit.

const count = z.number().int().nonnegative();

export const runKindSchema: z.ZodType<RunKind> = z.enum(['eval', 'bench']);
export const runStatusSchema: z.ZodType<RunStatus> = z.enum([
  'running',
  'interrupted',
  'completed',
  'failed',
]);
export const runOwnerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  heartbeatAt: z.string(),
});

/** `runs.labels`: the labels given with `parity label`, in the order given. */
export const runLabelsSchema = z.array(z.string());

export const runHistorySchema = z.array(
  z.object({
    at: z.string(),
    command: z.string(),
    changed: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  }),
);

/** `item_gold.choices`: the multiple-choice options as shown, in order. */
export const goldChoicesSchema = z.array(z.string());

export const itemStatusSchema = z.enum(['ok', 'error']);

const modelIdentitySchema: z.ZodType<ModelIdentity> = z.object({
  provider: z.string(),
  endpoint: z.string(),
  modelId: z.string(),
});

export const runConfigSchema: z.ZodType<RunConfig> = z.object({
  modelSpec: z.string(),
  model: modelIdentitySchema,
  benchmark: z.string(),
  protocol: z.string(),
  protocolVersion: z.number().int(),
  limit: count.optional(),
  synthetic: z
    .object({
      seed: z.number().int().nonnegative().optional(),
      lengths: z.array(z.number().int().positive()).optional(),
      depths: z.array(z.number().int().min(0).max(100)).optional(),
      samples: z.number().int().positive().optional(),
      charsPerToken: z.number().positive().optional(),
    })
    .optional(),
  dataDir: z.string().optional(),
  concurrency: z.number().int().positive(),
  timeoutMs: z.number().positive(),
  maxRetries: count,
  samples: z.number().int().positive().optional(),
  temperature: z.number().nonnegative().optional(),
  topP: z.number().positive().optional(),
  reasoningAllowanceTokens: z.number().int().nonnegative().optional(),
  generationOverrides: z
    .object({
      maxTokens: z.number().int().positive().optional(),
      systemPrompt: z.string().optional(),
      reasoningEffort: z.string().optional(),
    })
    .optional(),
  providerFixed: z.array(z.string()).optional(),
  execTimeoutMs: z.number().positive().optional(),
  importedFrom: z.string().optional(),
  stopWhenDecided: z
    .object({
      vsRunId: z.string(),
      alpha: z.number().positive(),
      orderSeed: z.number().int().nonnegative().optional(),
      margin: z.number().positive().optional(),
    })
    .optional(),
  judge: z
    .object({ modelSpec: z.string(), model: modelIdentitySchema, repeats: z.number().int().positive() })
    .optional(),
  parityVersion: z.string().optional(),
  task: z.object({ file: z.string(), definition: z.unknown() }).optional(),
  pairwise: z
    .object({
      runA: z.string(),
      runB: z.string(),
      benchmark: z.string(),
      protocol: z.string(),
      prompt: z.string(),
      rubric: z.string().optional(),
    })
    .optional(),
});

export const generateRequestSchema: z.ZodType<GenerateRequest> = z.object({
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  parameters: z.object({
    temperature: z.number().optional(),
    topP: z.number().optional(),
    maxTokens: z.number().int().optional(),
    stop: z.array(z.string()).optional(),
    seed: z.number().int().optional(),
    reasoningEffort: z.string().optional(),
    reasoningAllowanceTokens: z.number().int().nonnegative().optional(),
  }),
  assistantPrefix: z.string().optional(),
});

export const usageSchema = z.object({
  inputTokens: count.optional(),
  cachedInputTokens: count.optional(),
  cacheWriteInputTokens: count.optional(),
  outputTokens: count.optional(),
  reasoningTokens: count.optional(),
});

export const finishReasonSchema = z.enum([
  'stop',
  'length',
  'content-filter',
  'tool-calls',
  'error',
  'other',
  'unknown',
]);

export const timingSchema = z.object({
  ttftMs: z.number().nonnegative().optional(),
  totalMs: z.number().nonnegative(),
});

const stepResponseSchema = z.object({
  text: z.string(),
  finishReason: finishReasonSchema,
  usage: usageSchema,
  timing: timingSchema,
  prefillApplied: z.boolean(),
  logLikelihoods: z.array(z.number()).optional(),
  raw: z.object({ request: z.unknown(), response: z.unknown() }).optional(),
});

// Multi-step items (MT-Bench) keep every request of the item, the judge's included.
const itemStepSchema = z.object({
  name: z.string(),
  role: z.enum(['model', 'judge']),
  repeat: count.optional(),
  request: generateRequestSchema,
  response: stepResponseSchema,
  cached: z.boolean(),
  attempts: count,
  cacheKey: z.string(),
});

export const modelResponseSchema: z.ZodType<ModelResponse> = stepResponseSchema.extend({
  steps: z.array(itemStepSchema).optional(),
});

export const itemErrorSchema = z.object({ name: z.string(), message: z.string() });

export const scoresSchema = z.record(z.string(), z.number().nullable());

/** Parses a JSON column and checks it; throws the JSON or zod error, which the caller wraps with context. */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string): T {
  return schema.parse(JSON.parse(text));
}
