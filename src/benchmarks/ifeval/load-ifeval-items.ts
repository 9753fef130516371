import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import { instructionChecks } from '../../scoring/ifeval/instruction-checkers.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { IfevalData } from './ifeval-data.ts';

const ifevalLine = z.object({
  key: z.number().int(),
  prompt: z.string(),
  instruction_id_list: z.array(z.string()).min(1),
  kwargs: z.array(z.record(z.string(), z.unknown())),
});

/**
 * Loads `ifeval/input_data.jsonl` (541 prompts, 834 instructions). Item id = `key`; order = file order. A line
 * whose `kwargs` do not pair up with its instructions, or that names an instruction type parity does not check,
 * throws InputError naming file:line.
 */
export async function loadIfevalItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<IfevalData>[]> {
  const file = await source.resolveFile('ifeval', 'input_data.jsonl');
  const lines = await readJsonLines({ file, schema: ifevalLine });
  const items = lines.map(({ line, value }): Item<IfevalData> => {
    const location = `${file}:${line}`;
    if (value.kwargs.length !== value.instruction_id_list.length) {
      throw new InputError('field "kwargs": one object per instruction expected', { location });
    }
    const unknown = value.instruction_id_list.find((id) => instructionChecks[id] === undefined);
    if (unknown !== undefined) throw new InputError(`unknown instruction type '${unknown}'`, { location });
    return {
      id: String(value.key),
      data: {
        key: value.key,
        prompt: value.prompt,
        instructions: value.instruction_id_list.map((id, index) => ({ id, args: value.kwargs[index] ?? {} })),
      },
    };
  });
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
