import type { Item, Protocol } from '../../spec/index.ts';
import { formatBbhCotPrompt } from './bbh-cot-3shot.ts';
import type { BbhData } from './bbh-data.ts';
import { formatBbhDirectPrompt } from './bbh-direct-3shot.ts';
import { bbhMetrics, extractBbhCotAnswerLmEval, scoreBbhAnswerLmEval } from './bbh-scoring.ts';

/** lm-eval `bbh/*_template_yaml` `until`: a bare "Q" as lm-eval has it (cuts any text at its first capital Q). */
const lmEvalStops = ['</s>', 'Q', '\n\n'];

/**
 * BIG-Bench Hard, 3-shot chain of thought, exactly as lm-eval `bbh_cot_fewshot` (tasks/bbh/cot_fewshot/
 * _cot_fewshot_template_yaml): the same prompt as `bbh.cot.3shot`, lm-eval's stops ("</s>", "Q", "\n\n"), and
 * lm-eval's scorer: `(?<=the answer is )(.*)(?=.)`, first match, stripped, exact match.
 */
export const bbhCot3shotLmEval: Protocol<BbhData> = {
  kind: 'generate',
  id: 'bbh.cot.3shot.lmeval',
  version: 1,
  benchmark: 'bbh',
  description:
    'BIG-Bench Hard 3-shot chain of thought with lm-eval bbh_cot_fewshot stops and scorer, exact match',
  metrics: bbhMetrics,
  buildRequest(item: Item<BbhData>) {
    return {
      messages: [{ role: 'user', content: formatBbhCotPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 1024, stop: lmEvalStops },
    };
  },
  score(item: Item<BbhData>, completion: string) {
    return scoreBbhAnswerLmEval(extractBbhCotAnswerLmEval(completion), item.data.target);
  },
  referenceCompletion(item: Item<BbhData>) {
    return `The question asks for the result. So the answer is ${item.data.target}.`;
  },
};

/**
 * BIG-Bench Hard, 3-shot answer-only, exactly as lm-eval `bbh_fewshot` (tasks/bbh/fewshot/_fewshot_template_yaml):
 * the same prompt as `bbh.direct.3shot`, lm-eval's stops, and no filter: the whole reply (as generated, spaces
 * included) must equal the target. lm-eval sets no `max_gen_toks` here, so its default of 256 applies.
 */
export const bbhDirect3shotLmEval: Protocol<BbhData> = {
  kind: 'generate',
  id: 'bbh.direct.3shot.lmeval',
  version: 1,
  benchmark: 'bbh',
  description:
    'BIG-Bench Hard 3-shot answer only with lm-eval bbh_fewshot stops and scorer (whole reply, exact)',
  metrics: bbhMetrics,
  buildRequest(item: Item<BbhData>) {
    return {
      messages: [{ role: 'user', content: formatBbhDirectPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 256, stop: lmEvalStops },
    };
  },
  score(item: Item<BbhData>, completion: string) {
    return scoreBbhAnswerLmEval(completion, item.data.target);
  },
  referenceCompletion(item: Item<BbhData>) {
    return item.data.target;
  },
};
