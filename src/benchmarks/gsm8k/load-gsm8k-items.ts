import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { Gsm8kData } from './gsm8k-data.ts';

const gsm8kLine = z.object({ question: z.string(), answer: z.string() });

/** grade-school-math `dataset.py` `ANS_RE`. */
const goldAnswerPattern = /#### (-?[0-9.,]+)/;

/**
 * Loads `gsm8k/test.jsonl` (grade-school-math layout). Item id = 0-based line number; order = file order, which
 * is what `limit` takes a prefix of. A line without `#### <number>` throws InputError naming file:line.
 */
export async function loadGsm8kItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<Gsm8kData>[]> {
  const file = await source.resolveFile('gsm8k', 'test.jsonl');
  const lines = await readJsonLines({ file, schema: gsm8kLine });
  const items = lines.map(({ line, value }): Item<Gsm8kData> => {
    const match = goldAnswerPattern.exec(value.answer);
    if (match?.[1] === undefined) {
      throw new InputError('field "answer": no "#### <number>" gold answer', { location: `${file}:${line}` });
    }
    return {
      id: String(line - 1),
      data: { question: value.question, answer: value.answer, target: match[1].replaceAll(',', '') },
    };
  });
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
