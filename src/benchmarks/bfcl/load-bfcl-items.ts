import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import { bfclCategories, type BfclCategory, type BfclData, type GroundTruthCall } from './bfcl-data.ts';
import { parsePyLiteral } from './parse-py-literal.ts';
import type { PyValue } from './py-value.ts';

const functionDoc = z.object({
  name: z.string().min(1),
  description: z.string(),
  parameters: z.object({
    type: z.string(),
    properties: z.record(z.string(), z.object({ type: z.string() }).passthrough()),
    required: z.array(z.string()).optional(),
  }),
});

const questionLine = z.object({
  id: z.string().min(1),
  question: z.array(z.array(z.object({ role: z.enum(['system', 'user']), content: z.string() }))).length(1),
  function: z.array(functionDoc).min(1),
});

const answerLine = z.object({
  id: z.string().min(1),
  ground_truth: z.array(z.record(z.string(), z.record(z.string(), z.array(z.unknown())))).min(1),
});

/** The file of a category's questions and of its answers, relative to the `bfcl/` folder (upstream layout). */
export const questionFile = (category: BfclCategory) => `BFCL_v4_${category}.json`;
export const answerFile = (category: BfclCategory) => `possible_answer/BFCL_v4_${category}.json`;

interface RawLines {
  readonly file: string;
  readonly texts: readonly string[];
}

async function readLines(source: DatasetSource, relative: string): Promise<RawLines> {
  const file = await source.resolveFile('bfcl', relative);
  const text = await readFile(file, 'utf8');
  return { file, texts: text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)) };
}

function exact(lines: RawLines, line: number): PyValue {
  return parsePyLiteral(lines.texts[line - 1]!);
}

function field(value: PyValue, key: string): PyValue | undefined {
  return value.t === 'dict' ? value.v.get(key) : undefined;
}

function groundTruth(value: PyValue, location: string): GroundTruthCall[] {
  const calls = field(value, 'ground_truth');
  if (calls?.t !== 'list') throw new InputError('field "ground_truth": list expected', { location });
  return calls.v.map((call) => {
    if (call.t !== 'dict' || call.v.size !== 1) {
      throw new InputError('field "ground_truth": one {name: params} per call expected', { location });
    }
    const [name, params] = [...call.v][0]!;
    if (params.t !== 'dict')
      throw new InputError(`field "ground_truth.${name}": dict expected`, { location });
    return {
      name,
      params: new Map(
        [...params.v].map(([param, values]) => [param, values.t === 'list' ? values.v : [values]] as const),
      ),
    };
  });
}

async function loadCategory(source: DatasetSource, category: BfclCategory): Promise<Item<BfclData>[]> {
  const questions = await readLines(source, questionFile(category));
  const parsed = parseJsonLines(questions.texts.join('\n'), { file: questions.file, schema: questionLine });
  let answers: Map<string, GroundTruthCall[]> | undefined;
  if (category !== 'irrelevance') {
    const answerLines = await readLines(source, answerFile(category));
    answers = new Map();
    for (const { line, value } of parseJsonLines(answerLines.texts.join('\n'), {
      file: answerLines.file,
      schema: answerLine,
    })) {
      answers.set(value.id, groundTruth(exact(answerLines, line), `${answerLines.file}:${line}`));
    }
  }
  return parsed.map(({ line, value }): Item<BfclData> => {
    const location = `${questions.file}:${line}`;
    const truth = answers?.get(value.id);
    if (answers !== undefined && truth === undefined) {
      throw new InputError(`no ground truth for "${value.id}" in ${answerFile(category)}`, { location });
    }
    const functions = field(exact(questions, line), 'function');
    return {
      id: value.id,
      group: category,
      data: {
        category,
        messages: value.question[0]!,
        functions: functions?.t === 'list' ? functions.v : [],
        groundTruth: truth ?? [],
      },
    };
  });
}

/**
 * Loads BFCL v4's single-turn AST categories from `bfcl/` (upstream layout: `BFCL_v4_<category>.json` and
 * `possible_answer/BFCL_v4_<category>.json`). Item id = the upstream `id`; group = the category. Order:
 * round-robin over the categories in `bfclCategories` order, each in file order, so `--limit` samples every
 * category. A line that does not parse, or a question without ground truth, throws InputError naming file:line.
 */
export async function loadBfclItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<BfclData>[]> {
  const perCategory: Item<BfclData>[][] = [];
  for (const category of bfclCategories) perCategory.push(await loadCategory(source, category));
  const items: Item<BfclData>[] = [];
  const longest = Math.max(...perCategory.map((list) => list.length));
  for (let index = 0; index < longest; index += 1) {
    for (const list of perCategory) if (index < list.length) items.push(list[index]!);
  }
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
