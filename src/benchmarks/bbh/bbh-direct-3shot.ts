import type { Item, Protocol } from '../../spec/index.ts';
import type { BbhData } from './bbh-data.ts';
import { bbhMetrics, extractBbhDirectAnswer, scoreBbhAnswer } from './bbh-scoring.ts';

/**
 * lm-eval `bbh_fewshot_<task>` prompt: the task description, the three exemplars of `cot-prompts/<task>.txt`
 * as answer-only pairs `Q: …\nA: X` (X from their "So the answer is X."), separated by blank lines, then
 * `Q: {input}\nA:`.
 */
export function formatBbhDirectPrompt(data: BbhData): string {
  const shots = data.prompt.exemplars.map((shot) => `Q: ${shot.question}\nA: ${shot.answer}\n\n`);
  return `${data.prompt.description}\n\n${shots.join('')}Q: ${data.input}\nA:`;
}

/**
 * BIG-Bench Hard, 3-shot answer-only (lm-eval `bbh_fewshot`), one user message; greedy, 256 tokens, stops
 * "\n\n", "Q:", "</s>". Scored on the first line of the reply, stripped, exact match with the target.
 */
export const bbhDirect3shot: Protocol<BbhData> = {
  kind: 'generate',
  id: 'bbh.direct.3shot',
  version: 1,
  benchmark: 'bbh',
  description:
    "BIG-Bench Hard 3-shot answer only (lm-eval bbh_fewshot prompt), BBH authors' scorer (first line)",
  metrics: bbhMetrics,
  buildRequest(item: Item<BbhData>) {
    return {
      messages: [{ role: 'user', content: formatBbhDirectPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 256, stop: ['\n\n', 'Q:', '</s>'] },
    };
  },
  score(item: Item<BbhData>, completion: string) {
    return scoreBbhAnswer(extractBbhDirectAnswer(completion), item.data.target);
  },
  referenceCompletion(item: Item<BbhData>) {
    return ` ${item.data.target}`;
  },
};
