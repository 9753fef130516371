import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { ArcData } from './arc-data.ts';

const arcLine = z.object({
  id: z.string(),
  question: z.object({
    stem: z.string(),
    choices: z.array(z.object({ text: z.string(), label: z.string() })).min(2),
  }),
  answerKey: z.string(),
});

const letters = 'ABCDEFGH';

/**
 * Loads `arc/ARC-Challenge/ARC-Challenge-Test.jsonl` (1,172 questions). Item id = the dataset's `id`; order =
 * file order (what `limit` takes a prefix of). Choices are relabelled by position as A, B, C, … — the same as
 * upstream for letter-labelled rows, and lm-eval's `'ABCD'[answerKey - 1]` for the 22 rows labelled 1-4.
 * An answer key that names no choice throws InputError naming file:line.
 */
export async function loadArcItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<ArcData>[]> {
  const file = await source.resolveFile('arc', 'ARC-Challenge/ARC-Challenge-Test.jsonl');
  const lines = await readJsonLines({ file, schema: arcLine });
  const items = lines.map(({ line, value }): Item<ArcData> => {
    const { choices } = value.question;
    const answerIndex = choices.findIndex((choice) => choice.label === value.answerKey);
    const answer = letters[answerIndex];
    if (answerIndex < 0 || answer === undefined || choices.length > letters.length) {
      throw new InputError(`field "answerKey": "${value.answerKey}" is not one of the choice labels`, {
        location: `${file}:${line}`,
      });
    }
    return {
      id: value.id,
      data: {
        question: value.question.stem,
        choices: choices.map((choice, index) => ({ letter: letters[index] ?? '?', text: choice.text })),
        answer,
      },
    };
  });
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
