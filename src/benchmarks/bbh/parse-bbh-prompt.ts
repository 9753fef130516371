import { InputError } from '../../spec/index.ts';
import type { BbhExemplar, BbhTaskPrompt } from './bbh-data.ts';

const header = '-----\n';
const answerMarker = '\nA: ';
const answerPattern = /So the answer is (.*?)\.?$/;

/**
 * Parses a `cot-prompts/<task>.txt` file: a canary header ending in a `-----` line, the task description, then
 * exemplars `Q: …\nA: Let's think step by step.\n… So the answer is X.` (sports_understanding has a space
 * instead of the newline), blocks separated by a blank line.
 * A file that does not have this shape throws InputError naming it.
 */
export function parseBbhPrompt(text: string, options: { file: string }): BbhTaskPrompt {
  const fail = (message: string): never => {
    throw new InputError(message, { location: options.file });
  };
  const start = text.indexOf(header);
  if (start < 0) fail('no "-----" line after the canary header');
  const body = text.slice(start + header.length).replace(/\s+$/, '');
  const [description, ...blocks] = body.split('\n\nQ: ');
  if (description === undefined || blocks.length === 0) fail('no "Q: " exemplars');
  const exemplars = blocks.map((block, index): BbhExemplar => {
    const split = block.indexOf(answerMarker);
    if (split < 0) fail(`exemplar ${index + 1}: no "A: " line`);
    const reasoning = block.slice(split + answerMarker.length);
    const answer = answerPattern.exec(reasoning)?.[1];
    if (answer === undefined) fail(`exemplar ${index + 1}: does not end with "So the answer is …."`);
    return { question: block.slice(0, split), reasoning, answer: answer ?? '' };
  });
  return { description: description ?? '', exemplars };
}
