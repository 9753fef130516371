import { z } from 'zod';
import { readJsonLines, type JsonLine } from '../../datasets/jsonl.ts';
import type { Item } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';

/** The item id a `{prompt, response}` line is filed under until `addPromptKeys` maps it to its item. */
function promptKey(prompt: string): string {
  return `\u0000prompt:${prompt}`;
}

const objectLine = z.record(z.string(), z.unknown());

/**
 * Reads a samples file in which a line may also be an upstream IFEval response line `{"prompt", "response"}`
 * (google-research `input_response_data_*.jsonl`): such a line becomes `{id: <prompt key>, completion: response}`.
 * Other lines must match `schema` as usual; errors name file:line and the field.
 */
export async function readPromptKeyedSamples<T>(options: {
  file: string;
  schema: z.ZodType<T>;
}): Promise<JsonLine<T>[]> {
  const raw = await readJsonLines({ file: options.file, schema: objectLine });
  return raw.map(({ line, value }) => {
    const converted =
      value.id === undefined && typeof value.prompt === 'string' && typeof value.response === 'string'
        ? { id: promptKey(value.prompt), completion: value.response }
        : value;
    const result = options.schema.safeParse(converted);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      throw new InputError(`field "${field}": ${issue?.message ?? 'does not match the schema'}`, {
        location: `${options.file}:${line}`,
      });
    }
    return { line, value: result.data };
  });
}

/** Files every item that has a string `data.prompt` under its prompt key as well, for `{prompt, response}` lines. */
export function addPromptKeys(itemsById: Map<string, Item>): void {
  for (const item of [...itemsById.values()]) {
    const prompt = (item.data as { prompt?: unknown } | null)?.prompt;
    if (typeof prompt === 'string') itemsById.set(promptKey(prompt), item);
  }
}
