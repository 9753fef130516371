import { z } from 'zod';

/** Task ids: lower-case letters, digits, dots, underscores and dashes (they name runs and files). */
export const TASK_ID_PATTERN = /^[a-z0-9._-]+$/;

const graderBase = {
  /** Name in results and metrics (`pass_rate.<name>`); defaults to the type, numbered when repeated. */
  name: z.string().regex(TASK_ID_PATTERN, 'use [a-z0-9._-]+').optional(),
  /** Weight in the item score's weighted mean; default 1. */
  weight: z.number().positive().optional(),
};

const exactGrader = z.strictObject({
  type: z.literal('exact'),
  value: z.string(),
  ignore_case: z.boolean().optional(),
  trim: z.boolean().optional(),
  ...graderBase,
});
const includesGrader = z.strictObject({
  type: z.literal('includes'),
  value: z.union([z.string(), z.array(z.string()).min(1)]),
  ignore_case: z.boolean().optional(),
  ...graderBase,
});
const regexGrader = z.strictObject({
  type: z.literal('regex'),
  pattern: z.string(),
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'flags may only be i, m, s, u')
    .optional(),
  /** With `value`: this capture group (default 1) must equal `value`. */
  group: z.number().int().nonnegative().optional(),
  value: z.string().optional(),
  ...graderBase,
});
const numberGrader = z.strictObject({
  type: z.literal('number'),
  value: z.union([z.number(), z.string()]),
  tolerance: z.number().nonnegative().optional(),
  ...graderBase,
});
const jsonSchemaGrader = z.strictObject({
  type: z.literal('json_schema'),
  schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]),
  ...graderBase,
});
const jsonMatchGrader = z.strictObject({
  type: z.literal('json_match'),
  pointer: z.string().regex(/^(\/.*)?$/, 'a JSON Pointer starts with / (or is empty)'),
  value: z.unknown(),
  ...graderBase,
});
const pythonGrader = z.strictObject({
  type: z.literal('python'),
  /** Python source defining `grade(response, row)` returning a bool or a number in [0, 1]. */
  code: z.string().min(1),
  ...graderBase,
});
const llmRubricGrader = z.strictObject({
  type: z.literal('llm_rubric'),
  rubric: z.string().min(1),
  /** The rating scale; the score is (rating - min) / (max - min). Default 1 to 10 as in MT-Bench. */
  scale: z
    .strictObject({ min: z.number().int(), max: z.number().int() })
    .refine((scale) => scale.max > scale.min, 'max must be above min')
    .optional(),
  /** A rating at or above this passes (default: the scale's maximum). */
  pass_at: z.number().optional(),
  ...graderBase,
});

export const graderSchema = z.discriminatedUnion('type', [
  exactGrader,
  includesGrader,
  regexGrader,
  numberGrader,
  jsonSchemaGrader,
  jsonMatchGrader,
  pythonGrader,
  llmRubricGrader,
]);
export type GraderSpec = z.infer<typeof graderSchema>;

const messageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

/** The prompt of a task or a benchmark definition (src/benchmarks/definition): system/user, or whole messages. */
export const promptSchema = z.union([
  z.strictObject({ system: z.string().optional(), user: z.string() }),
  z.strictObject({ messages: z.array(messageSchema).min(1) }),
]);
export type TaskPrompt = z.infer<typeof promptSchema>;

/** Generation settings of a task or a benchmark definition; temperature defaults to 0. */
export const generationSchema = z.strictObject({
  temperature: z.number().nonnegative().optional(),
  top_p: z.number().positive().max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  stop: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
});
export type GenerationSettings = z.infer<typeof generationSchema>;

export const taskSchema = z.strictObject({
  id: z.string().regex(TASK_ID_PATTERN, 'use lower-case letters, digits and . _ - only'),
  version: z.number().int().positive(),
  description: z.string().optional(),
  /** JSON Lines or CSV file, relative to the task file. */
  dataset: z.string().min(1),
  prompt: promptSchema,
  generation: generationSchema.optional(),
  graders: z.array(graderSchema).min(1),
  /** How grader scores become the item score: weighted mean (default), or 1 only when every grader passes. */
  aggregate: z.enum(['mean', 'all']).optional(),
});
export type TaskDefinition = z.infer<typeof taskSchema>;

/** Typed helper for task files written in TypeScript (`export default defineTask({…})`). */
export function defineTask(task: TaskDefinition): TaskDefinition {
  return task;
}
