import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import type { MtbenchData } from './mtbench-data.ts';

const questionLine = z.object({
  question_id: z.number().int(),
  category: z.string(),
  turns: z.tuple([z.string(), z.string()]),
});

const answerLine = z.object({
  question_id: z.number().int(),
  choices: z.array(z.object({ turns: z.array(z.string()) })).min(1),
});

/** Categories whose judgments are reference-guided (FastChat `NEED_REF_CATS`). */
export const referenceCategories: readonly string[] = ['math', 'reasoning', 'coding'];

/**
 * Loads `mt_bench/question.jsonl` (80 two-turn questions) with the GPT-4 reference answers of
 * `mt_bench/reference_answer/gpt-4.jsonl` for the reference-guided categories. Item id = `question_id`,
 * group = category; order = file order. A reference-guided question without a reference answer throws.
 */
export async function loadMtbenchItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<MtbenchData>[]> {
  const questionFile = await source.resolveFile('mt_bench', 'question.jsonl');
  const referenceFile = await source.resolveFile('mt_bench', 'reference_answer/gpt-4.jsonl');
  const references = new Map<number, readonly [string, string]>();
  for (const { line, value } of await readJsonLines({ file: referenceFile, schema: answerLine })) {
    const [first, second] = value.choices[0]?.turns ?? [];
    if (first === undefined || second === undefined) {
      throw new InputError('field "choices.0.turns": two turns expected', {
        location: `${referenceFile}:${line}`,
      });
    }
    references.set(value.question_id, [first, second]);
  }
  const lines = await readJsonLines({ file: questionFile, schema: questionLine });
  const items = lines.map(({ line, value }): Item<MtbenchData> => {
    const referenceAnswers = references.get(value.question_id);
    if (referenceCategories.includes(value.category) && referenceAnswers === undefined) {
      throw new InputError(`question ${value.question_id} (${value.category}) has no reference answer`, {
        location: `${questionFile}:${line}`,
      });
    }
    return {
      id: String(value.question_id),
      group: value.category,
      data: {
        questionId: value.question_id,
        category: value.category,
        turns: value.turns,
        ...(referenceAnswers ? { referenceAnswers } : {}),
      },
    };
  });
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
