import { z } from 'zod';
import { InputError } from '../../spec/index.ts';
import { generationSchema, promptSchema, TASK_ID_PATTERN } from '../../tasks/task-schema.ts';

/** `extract:` / `match:` — a registered name, or `{type: name, …options}`. */
const namedStep = z.union([z.string().min(1), z.looseObject({ type: z.string().min(1) })]);
export type NamedStep = z.infer<typeof namedStep>;

const common = {
  /** Versioned protocol id printed beside every score, e.g. 'arc.parity.cot.0shot'. */
  id: z.string().regex(TASK_ID_PATTERN, 'use lower-case letters, digits and . _ - only'),
  /** Bump whenever the prompt, parameters or scoring change. */
  version: z.number().int().positive(),
  benchmark: z.string().regex(TASK_ID_PATTERN, 'use lower-case letters, digits and . _ - only'),
  /** One line for `--help` and reports. */
  description: z.string().min(1),
  /** Ids this protocol had before a rename. */
  former_ids: z.array(z.string().min(1)).optional(),
  /** The gold answer an extraction is matched with, a `{{var}}` template. Default `{{answer}}`. */
  target: z.string().optional(),
  /** How item accuracy becomes the run's figure: mean over items (default), or mean of per-group means. */
  aggregate: z.enum(['mean', 'group-mean']).optional(),
};

/** A single-turn generate protocol: a templated request, an extractor, a matcher, a reference reply. */
export const generateDefinitionSchema = z.strictObject({
  ...common,
  /** system/user or messages with `{{var}}`s (as task files), or a named template (prompt-templates.ts). */
  prompt: z.union([
    promptSchema,
    z.strictObject({ template: z.string().min(1), system: z.string().optional() }),
  ]),
  generation: generationSchema.optional(),
  /**
   * Worked examples sent before the item as user/assistant turns (lm-eval `fewshot_as_multiturn`): each example
   * row's variables fill `user` and `assistant`. `examples` are rows written in the definition; a TypeScript
   * `examples` hook gives them per item instead (MMLU's subject dev rows).
   */
  few_shot: z
    .strictObject({
      examples: z.array(z.record(z.string(), z.unknown())).optional(),
      user: z.string(),
      assistant: z.string(),
    })
    .optional(),
  /** Text the reply should start with (prefilled where the provider can). */
  assistant_prefix: z.string().optional(),
  extract: namedStep,
  /** Default `exact`. */
  match: namedStep.optional(),
  /** A reply in the expected form that states the gold answer, a `{{var}}` template (checks the scorer). */
  reference: z.string(),
});

/**
 * A log-likelihood multiple-choice protocol (lm-eval `output_type: multiple_choice`): the log-likelihood of each
 * choice's continuation after the context; `accuracy` = argmax, `accuracy_norm` = argmax per character of the
 * choice's text.
 */
export const loglikelihoodDefinitionSchema = z.strictObject({
  ...common,
  loglikelihood: z.strictObject({
    context: z.string(),
    /** Filled per choice with its `letter` and `text` (and the item's variables). Default ' {{text}}'. */
    continuation: z.string().optional(),
  }),
});

export type GenerateDefinitionData = z.input<typeof generateDefinitionSchema>;
export type LoglikelihoodDefinitionData = z.input<typeof loglikelihoodDefinitionSchema>;

/** What only a TypeScript definition can add (a YAML definition's items are its rows, all included). */
export interface DefinitionHooks<TData> {
  /** The template variables of an item. Default: multiple-choice variables for {question, choices, answer}, else the data's fields. */
  readonly variables?: (data: TData) => Readonly<Record<string, unknown>>;
  /** The few-shot example rows of an item (with `few_shot`), instead of `few_shot.examples`. */
  readonly examples?: (data: TData) => readonly unknown[];
  /** Items this protocol runs on (the others are dropped before `--limit`). Default: all. */
  readonly include?: (data: TData) => boolean;
}

/** A declarative single-turn protocol (docs/adding-a-benchmark.md): the data above plus the optional hooks. */
export type ProtocolDefinition<TData = unknown> = (GenerateDefinitionData | LoglikelihoodDefinitionData) &
  DefinitionHooks<TData>;

export type ParsedDefinition =
  z.infer<typeof generateDefinitionSchema> | z.infer<typeof loglikelihoodDefinitionSchema>;

/**
 * Checks a definition's data (from YAML, JSON or TypeScript); a bad one throws InputError naming `where` and the
 * field, e.g. `extract: Invalid input`.
 */
export function parseDefinition(value: unknown, where: string): ParsedDefinition {
  const isLoglikelihood = typeof value === 'object' && value !== null && 'loglikelihood' in value;
  const schema = isLoglikelihood ? loglikelihoodDefinitionSchema : generateDefinitionSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  throw new InputError(`${field === '' ? '' : `${field}: `}${issue?.message ?? 'invalid definition'}`, {
    location: where,
  });
}
