import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import type { DatasetSource } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';

/** One single-answer grading prompt of FastChat's `judge_prompts.jsonl`. */
export interface JudgePrompt {
  readonly name: string;
  readonly systemPrompt: string;
  readonly promptTemplate: string;
}

/** The four single-answer prompts: general or reference-guided (math), turn 1 or the whole conversation (turn 2). */
export interface JudgePrompts {
  readonly single: JudgePrompt;
  readonly singleMath: JudgePrompt;
  readonly singleMultiTurn: JudgePrompt;
  readonly singleMathMultiTurn: JudgePrompt;
}

const promptLine = z.object({
  name: z.string(),
  type: z.string(),
  system_prompt: z.string(),
  prompt_template: z.string(),
});

const wanted = {
  single: 'single-v1',
  singleMath: 'single-math-v1',
  singleMultiTurn: 'single-v1-multi-turn',
  singleMathMultiTurn: 'single-math-v1-multi-turn',
} as const;

/** Reads `mt_bench/judge_prompts.jsonl` (FastChat `data/judge_prompts.jsonl`); a missing single-answer prompt throws. */
export async function loadJudgePrompts(source: DatasetSource): Promise<JudgePrompts> {
  const file = await source.resolveFile('mt_bench', 'judge_prompts.jsonl');
  const byName = new Map(
    (await readJsonLines({ file, schema: promptLine })).map(({ value }) => [value.name, value]),
  );
  const pick = (name: string): JudgePrompt => {
    const line = byName.get(name);
    if (!line) throw new InputError(`judge prompt '${name}' is missing`, { location: file });
    return { name, systemPrompt: line.system_prompt, promptTemplate: line.prompt_template };
  };
  return {
    single: pick(wanted.single),
    singleMath: pick(wanted.singleMath),
    singleMultiTurn: pick(wanted.singleMultiTurn),
    singleMathMultiTurn: pick(wanted.singleMathMultiTurn),
  };
}

/**
 * Fills `{name}` fields the way Python's `str.format` does: in one pass (a value that itself holds `{answer}` is
 * left as it is), `{{` and `}}` give literal braces. An unknown field throws, as `str.format` raises KeyError.
 */
export function fillJudgeTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, field: string | undefined) => {
    if (field === undefined) return match[0] ?? '';
    const value = values[field];
    if (value === undefined) throw new InputError(`judge prompt field {${field}} has no value`);
    return value;
  });
}
