import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { BbhData } from './bbh-data.ts';
import { parseBbhPrompt } from './parse-bbh-prompt.ts';

const taskFile = z.object({
  examples: z.array(z.object({ input: z.string(), target: z.string() })),
});

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
}

/**
 * Loads every task of BIG-Bench Hard: `bbh/data/<task>.json` (`examples[].input/target`) with the 3-shot
 * exemplars of `bbh/cot-prompts/<task>.txt`. Item id `<task>/<index>`, group = task.
 *
 * Order (what `limit` takes a prefix of): round-robin over tasks in alphabetical order — example 0 of every
 * task, then example 1, … — so a small `--limit` covers all 27 tasks.
 */
export async function loadBbhItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<BbhData>[]> {
  const tasks = (await source.listFiles('bbh', 'data'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
  if (tasks.length === 0) throw new InputError('no task files', { location: 'bbh/data' });
  const perTask: Item<BbhData>[][] = [];
  for (const task of tasks) {
    const dataFile = await source.resolveFile('bbh', `data/${task}.json`);
    const promptFile = await source.resolveFile('bbh', `cot-prompts/${task}.txt`);
    let json: unknown;
    try {
      json = JSON.parse(await readText(dataFile));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError('invalid JSON', { location: dataFile, cause: error });
    }
    const parsed = taskFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `field "${issue?.path.map(String).join('.') ?? '(root)'}": ${issue?.message ?? ''}`,
        {
          location: dataFile,
        },
      );
    }
    const prompt = parseBbhPrompt(await readText(promptFile), { file: promptFile });
    perTask.push(
      parsed.data.examples.map((example, index) => ({
        id: `${task}/${index}`,
        group: task,
        data: { task, input: example.input, target: example.target, prompt },
      })),
    );
  }
  const items: Item<BbhData>[] = [];
  const longest = Math.max(...perTask.map((list) => list.length));
  for (let row = 0; row < longest; row += 1) {
    for (const list of perTask) {
      const item = list[row];
      if (item) items.push(item);
    }
  }
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
