import { z } from 'zod';
import { answerAfterPrefix } from '../../scoring/answer-after-prefix.ts';
import { extractAnswerLetter } from '../../scoring/answer-letter.ts';
import { extractMultipleChoiceAnswer } from '../../scoring/extract-multiple-choice-answer.ts';
import { lastNumberAfterPrefix } from '../../scoring/last-number-after-prefix.ts';
import { fillTemplate } from '../../tasks/fill-template.ts';

/** What an extractor is told besides the reply. */
export interface ExtractContext {
  /** Whether the request's assistant prefix was prefilled (the reply is then only the continuation). */
  readonly prefillApplied: boolean | undefined;
  /** The item's template variables (an option written as `{{var}}` is filled from them). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The definition's `assistant_prefix`, if any. */
  readonly assistantPrefix: string | undefined;
  /** Where errors point: definition and item. */
  readonly where: string;
}

/** Reads the answer out of a reply; null when there is none. */
export type Extractor = (completion: string, context: ExtractContext) => string | null;

interface ExtractorEntry {
  readonly options: z.ZodType<Record<string, unknown>>;
  readonly create: (options: Record<string, unknown>) => Extractor;
  readonly summary: string;
}

function entry<TOptions extends Record<string, unknown>>(
  options: z.ZodType<TOptions>,
  create: (options: TOptions) => Extractor,
  summary: string,
): ExtractorEntry {
  return { options, create: (parsed) => create(parsed as TOptions), summary };
}

/** Extractors a definition names in `extract:` (YAML `extract: multiple-choice-letter` or `{type: …, …}`). */
export const extractors: Readonly<Record<string, ExtractorEntry>> = {
  'multiple-choice-letter': entry(
    z.strictObject({
      letters: z
        .string()
        .regex(/^[A-Z]+$/, 'use capital letters, e.g. ABCDE')
        .optional(),
    }),
    (options) => (completion) => extractAnswerLetter(completion, options.letters ?? 'ABCD'),
    'simple-evals ANSWER_PATTERN_MULTICHOICE: the first "Answer: X", X one of `letters` (default ABCD)',
  ),
  'multiple-choice-letter-multilingual': entry(
    z.strictObject({}),
    () => (completion) => extractMultipleChoiceAnswer(completion),
    "simple-evals MMLU: markup removed, then the first of the multilingual answer markers' letter A-D",
  ),
  'after-prefix': entry(
    z.strictObject({ prefix: z.string().optional() }),
    (options) => (completion, context) => {
      const prefix = options.prefix ?? context.assistantPrefix;
      if (prefix === undefined) throw new Error(`${context.where}: after-prefix needs a prefix`);
      const answer = answerAfterPrefix({
        completion,
        prefix: fillTemplate(prefix, context.variables, context.where),
        prefillApplied: context.prefillApplied,
      });
      return answer === '' ? null : answer;
    },
    'lm-eval gen_prefix + remove_whitespace: the reply after `prefix` (default: assistant_prefix), stripped',
  ),
  'last-number-after-prefix': entry(
    z.strictObject({ prefix: z.string().min(1) }),
    (options) => (completion, context) =>
      lastNumberAfterPrefix(completion, fillTemplate(options.prefix, context.variables, context.where)),
    'simple-evals MGSM parse_answer: the last number after the last `prefix` (may be a {{var}})',
  ),
  regex: entry(
    z.strictObject({
      pattern: z.string().min(1),
      flags: z
        .string()
        .regex(/^[imsu]*$/, 'flags may only be i, m, s, u')
        .optional(),
      group: z.number().int().nonnegative().optional(),
    }),
    (options) => {
      const pattern = new RegExp(options.pattern, options.flags ?? '');
      return (completion) => pattern.exec(completion)?.[options.group ?? 1] ?? null;
    },
    'the first match of `pattern`, capture group `group` (default 1)',
  ),
};
