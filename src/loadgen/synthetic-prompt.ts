import type { LoadRandom } from './load-random.ts';

// Short, common English words: each is one token (with its leading space) in the tokenizers of the common
// open-weight families (Llama 3, Qwen 2, Mistral, Gemma) and of OpenAI's o200k/cl100k.
const words = (
  'the of and to in is was for on as with by he it at from his an were are which this be or has had not ' +
  'first one their its new after but who they have her she two been other when there all during into ' +
  'school time may years more most only over city some world would where later up such used many can ' +
  'state about national out known university united then made while part well both since would'
).split(' ');

/**
 * A prompt of about `tokens` tokens: random common words drawn from `random` (so repeated prompts do not share
 * a cached prefix). The count is approximate for any given tokenizer; parity reports the server's own
 * `prompt_tokens` in its throughput figures.
 */
export function syntheticPrompt(options: { tokens: number; random: LoadRandom }): string {
  const parts: string[] = [];
  for (let index = 0; index < options.tokens; index++) {
    parts.push(words[options.random.integer(words.length)] as string);
  }
  return parts.join(' ');
}
