import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';

/** One answered question: the model's answers to both turns. */
export interface MtbenchSample {
  readonly id: string;
  readonly model: string;
  readonly turns: readonly [string, string];
  /** `file:line`, for errors. */
  readonly location: string;
}

const contractLine = z.object({
  id: z.union([z.string(), z.number().transform(String)]),
  turns: z.array(z.string()),
  model: z.string().optional(),
});
// FastChat `model_answer/<model>.jsonl`: {question_id, model_id, choices: [{turns: [a1, a2]}]}.
const fastChatLine = z.object({
  question_id: z.union([z.number().int().transform(String), z.string()]),
  model_id: z.string().optional(),
  choices: z.array(z.object({ turns: z.array(z.string()) })).min(1),
});
const sampleLine = z.union([contractLine, fastChatLine]);

/**
 * Reads MT-Bench answers: samples lines `{id, turns: [a1, a2], model?}` (docs/cli.md) or FastChat answer lines
 * `{question_id, model_id, choices: [{turns: [a1, a2]}]}` (the first choice). Each needs exactly two turns; a
 * question answered twice by the same model is an error naming the line.
 */
export async function readMtbenchSamples(file: string): Promise<MtbenchSample[]> {
  const seen = new Set<string>();
  return (await readJsonLines({ file, schema: sampleLine })).map(({ line, value }) => {
    const location = `${file}:${line}`;
    const id = 'id' in value ? value.id : value.question_id;
    const model = ('id' in value ? value.model : value.model_id) ?? '';
    const turns = 'id' in value ? value.turns : (value.choices[0]?.turns ?? []);
    const [first, second] = turns;
    if (turns.length !== 2 || first === undefined || second === undefined) {
      throw new InputError(`field "turns": two answers expected, got ${turns.length}`, { location });
    }
    const key = JSON.stringify([model, id]);
    if (seen.has(key))
      throw new InputError(`question ${id} is answered twice for model '${model}'`, { location });
    seen.add(key);
    return { id, model, turns: [first, second], location };
  });
}
