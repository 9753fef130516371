import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { jsonMemberSpans } from '../../datasets/json-member-spans.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { EvalPlusData, EvalPlusDataset } from './evalplus-data.ts';

/** Where each data set lies in the `evalplus/` folder (the release repositories' file names). */
export const evalPlusFiles: Readonly<Record<EvalPlusDataset, string>> = {
  humaneval: 'humanevalplus/HumanEvalPlus.jsonl.gz',
  mbpp: 'mbppplus/MbppPlus.jsonl.gz',
};

const fields = {
  task_id: z.string(),
  prompt: z.string(),
  entry_point: z.string(),
  canonical_solution: z.string(),
  atol: z.number(),
  test: z.string().optional(),
} as const;

function member(line: string, spans: ReturnType<typeof jsonMemberSpans>, key: string): string | undefined {
  const span = spans.get(key);
  return span === undefined ? undefined : line.slice(span.start, span.end);
}

/** One line of an EvalPlus file; the inputs are kept as JSON text (see EvalPlusData.baseInputJson). */
function parseLine(dataset: EvalPlusDataset, line: string, location: string): Item<EvalPlusData> {
  let spans: ReturnType<typeof jsonMemberSpans>;
  try {
    spans = jsonMemberSpans(line);
  } catch (error) {
    throw new InputError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      location,
    });
  }
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const text = member(line, spans, key);
    if (text === undefined) continue;
    try {
      values[key] = JSON.parse(text);
    } catch {
      throw new InputError(`field "${key}": not valid JSON`, { location });
    }
  }
  const parsed = z.object(fields).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `field "${issue?.path.map(String).join('.') ?? '(root)'}": ${issue?.message ?? ''}`,
      {
        location,
      },
    );
  }
  const inputs: string[] = [];
  for (const key of ['base_input', 'plus_input']) {
    const text = member(line, spans, key);
    // Mbpp/793 has `"plus_input": {}`, which upstream iterates as no inputs.
    if (text === undefined || !(text.startsWith('[') || /^\{\s*\}$/.test(text)))
      throw new InputError(`field "${key}": expected a list of argument lists`, { location });
    inputs.push(text);
  }
  const value = parsed.data;
  return {
    id: value.task_id,
    data: {
      dataset,
      taskId: value.task_id,
      prompt: value.prompt,
      entryPoint: value.entry_point,
      canonicalSolution: value.canonical_solution,
      atol: value.atol,
      baseInputJson: inputs[0] ?? '[]',
      plusInputJson: inputs[1] ?? '[]',
      ...(value.test === undefined ? {} : { humanEvalTest: value.test }),
    },
  };
}

/** Reads an EvalPlus file (`.jsonl.gz` or plain `.jsonl`); item id = `task_id`, file order kept. */
export async function readEvalPlusTasks(
  dataset: EvalPlusDataset,
  file: string,
): Promise<Item<EvalPlusData>[]> {
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
  const items: Item<EvalPlusData>[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const item = parseLine(dataset, line, `${file}:${index + 1}`);
    if (seen.has(item.id))
      throw new InputError(`task_id '${item.id}' appears twice`, { location: `${file}:${index + 1}` });
    seen.add(item.id);
    items.push(item);
  });
  if (items.length === 0) throw new InputError('the file is empty (no JSON lines)', { location: file });
  return items;
}

/** A loader for one EvalPlus data set from the `evalplus/` folder; `limit` takes the first N in file order. */
export function evalPlusLoader(dataset: EvalPlusDataset) {
  return async (source: DatasetSource, options: LoadOptions = {}): Promise<Item<EvalPlusData>[]> => {
    const items = await readEvalPlusTasks(
      dataset,
      await source.resolveFile('evalplus', evalPlusFiles[dataset]),
    );
    return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
  };
}
