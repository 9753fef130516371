import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { TruthfulqaData, TruthfulqaTargets } from './truthfulqa-data.ts';

/** The multiple-choice file lm-eval's data (HF `truthful_qa`, pinned upstream commit 013686a) is built from. */
export const truthfulqaMcFile = 'data/v0/mc_task.json';

const targets = z.record(z.string(), z.union([z.literal(0), z.literal(1)]));
const entry = z.object({ question: z.string(), mc1_targets: targets, mc2_targets: targets });

/** An object key JavaScript would move to the front (an array index), losing the file's choice order. */
const arrayIndexKey = /^(?:0|[1-9]\d*)$/;

function toTargets(record: Record<string, 0 | 1>, location: string, field: string): TruthfulqaTargets {
  const choices = Object.keys(record);
  if (choices.some((choice) => arrayIndexKey.test(choice))) {
    throw new InputError(`field "${field}": a choice that is a bare number cannot keep its place`, {
      location,
    });
  }
  if (choices.length < 2) throw new InputError(`field "${field}": at least 2 choices expected`, { location });
  const labels = choices.map((choice) => record[choice] ?? 0);
  if (!labels.includes(1)) throw new InputError(`field "${field}": no true answer`, { location });
  return { choices, labels };
}

/**
 * Loads TruthfulQA's 817 multiple-choice questions from `truthfulqa/data/v0/mc_task.json` (the file lm-eval's
 * dataset holds), keeping each choice list in file order. Item id = the 0-based entry; order = file order. An
 * entry that does not fit (MC1 must have exactly one true answer, listed first) throws InputError naming the
 * file, entry and field.
 */
export async function loadTruthfulqaItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<TruthfulqaData>[]> {
  const file = await source.resolveFile('truthfulqa', truthfulqaMcFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read JSON: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new InputError('expected a non-empty JSON array of questions', { location: file });
  }
  const items = parsed.map((raw: unknown, index): Item<TruthfulqaData> => {
    const location = `${file}: entry ${index}`;
    const result = entry.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new InputError(`field "${issue?.path.join('.') || '(root)'}": ${issue?.message ?? 'invalid'}`, {
        location,
      });
    }
    const mc1 = toTargets(result.data.mc1_targets, location, 'mc1_targets');
    if (mc1.labels[0] !== 1 || mc1.labels.filter((label) => label === 1).length !== 1) {
      throw new InputError('field "mc1_targets": exactly one true answer, listed first, expected', {
        location,
      });
    }
    return {
      id: String(index),
      data: {
        question: result.data.question,
        mc1,
        mc2: toTargets(result.data.mc2_targets, location, 'mc2_targets'),
      },
    };
  });
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
