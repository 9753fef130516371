import { z } from 'zod';

/** Environment variable names (`api_key_env`). */
const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');

const projectModel = z.strictObject({
  /** A model spec as `--model` takes it, e.g. `openai:gpt-4o-mini`. */
  spec: z.string().min(1),
  /** OpenAI-compatible base URL; `${VARIABLE}` is replaced by the environment variable's value. */
  base_url: z.string().min(1).optional(),
  /** The environment variable holding this model's key (default: the provider's usual one). */
  api_key_env: variableName.optional(),
});

const projectDefaults = z.strictObject({
  limit: z.number().int().positive().optional(),
  concurrency: z.number().int().positive().optional(),
  /** Per-request timeout in seconds. */
  timeout: z.number().positive().optional(),
  retries: z.number().int().nonnegative().optional(),
  store: z.string().min(1).optional(),
  data_dir: z.string().min(1).optional(),
  protocol: z.string().min(1).optional(),
  judge: z.string().min(1).optional(),
  judge_base_url: z.string().min(1).optional(),
  judge_repeats: z.number().int().positive().optional(),
  fail_under: z.array(z.string().min(1)).optional(),
  junit: z.string().min(1).optional(),
});

/** `parity.yaml` (docs/tasks.md, "Project file"). */
export const projectSchema = z
  .strictObject({
    models: z.array(projectModel).min(1),
    tasks: z.array(z.string().min(1)).optional(),
    benchmarks: z.array(z.string().min(1)).optional(),
    defaults: projectDefaults.optional(),
  })
  .refine((project) => (project.tasks?.length ?? 0) + (project.benchmarks?.length ?? 0) > 0, {
    message: 'list at least one task or benchmark',
    path: ['tasks'],
  });

export type ProjectFile = z.infer<typeof projectSchema>;
export type ProjectModel = z.infer<typeof projectModel>;
