import type { Item, Protocol } from '../../spec/index.ts';
import type { BbhData } from './bbh-data.ts';
import { bbhMetrics, extractBbhCotAnswer, scoreBbhAnswer } from './bbh-scoring.ts';

const cotCue = "A: Let's think step by step.\n";

/**
 * lm-eval `bbh_cot_fewshot_<task>` prompt: the task description, the three chain-of-thought exemplars of
 * `cot-prompts/<task>.txt` verbatim (`Q: …\nA: Let's think step by step.\n…`) separated by blank lines, then
 * `Q: {input}\nA: Let's think step by step.\n`.
 */
export function formatBbhCotPrompt(data: BbhData): string {
  const shots = data.prompt.exemplars.map((shot) => `Q: ${shot.question}\nA: ${shot.reasoning}\n\n`);
  return `${data.prompt.description}\n\n${shots.join('')}Q: ${data.input}\n${cotCue}`;
}

/**
 * BIG-Bench Hard, 3-shot chain of thought (lm-eval `bbh_cot_fewshot`, Suzgun et al. exemplars), one user
 * message; greedy, 1024 tokens, stops "\n\n", "Q:", "</s>" (lm-eval stops at a bare "Q", which would cut answers
 * such as "(Q)"; docs/decisions/0030). Scored by "So the answer is X" on the first paragraph, exact match.
 */
export const bbhCot3shot: Protocol<BbhData> = {
  kind: 'generate',
  id: 'bbh.cot.3shot',
  version: 1,
  benchmark: 'bbh',
  description:
    'BIG-Bench Hard 3-shot chain of thought (lm-eval bbh_cot_fewshot prompt), BBH authors\' scorer "So the answer is X"',
  metrics: bbhMetrics,
  buildRequest(item: Item<BbhData>) {
    return {
      messages: [{ role: 'user', content: formatBbhCotPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 1024, stop: ['\n\n', 'Q:', '</s>'] },
    };
  },
  score(item: Item<BbhData>, completion: string) {
    return scoreBbhAnswer(extractBbhCotAnswer(completion), item.data.target);
  },
  referenceCompletion(item: Item<BbhData>) {
    return `The question asks for the result. So the answer is ${item.data.target}.`;
  },
};
