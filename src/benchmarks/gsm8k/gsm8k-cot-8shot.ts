import type { Item, Protocol } from '../../spec/index.ts';
import type { Gsm8kData } from './gsm8k-data.ts';
import { gsm8kMetrics, scoreGsm8kCompletion } from './gsm8k-scoring.ts';
import { weiExemplars } from './wei-exemplars.ts';

/**
 * The few-shot prefix of lm-eval `gsm8k_cot`: each exemplar as `Q: {question}\nA: {reasoning} The answer is N.`
 * (doc_to_text + target_delimiter " " + target), each followed by the fewshot_delimiter "\n\n".
 */
const fewShotPrefix = weiExemplars
  .map(
    (exemplar) => `Q: ${exemplar.question}\nA: ${exemplar.reasoning} The answer is ${exemplar.answer}.\n\n`,
  )
  .join('');

/**
 * lm-eval `strict-match` of gsm8k_cot: `The answer is (\-?[0-9\.\,]+).`, first match. Upstream's final `.` is
 * any character except a newline (Python `.`), written `[^\n]`: so "The answer is 5" at the very end of the
 * output (nothing after the number) does not match — upstream behaves the same.
 */
const strictPattern = /The answer is (-?[0-9.,]+)[^\n]/;

/**
 * lm-eval `gsm8k_cot` (8-shot chain of thought, Wei et al. exemplars). The whole lm-eval prompt text goes in
 * ONE user message (docs/decisions/0004-gsm8k-mmlu-chat-prompts.md); stops "Q:", "</s>", "<|im_end|>"; greedy;
 * 256 tokens (lm-eval's default max_gen_toks). Scored by strict-match and flexible-extract.
 */
export const gsm8kCot8shot: Protocol<Gsm8kData> = {
  kind: 'generate',
  id: 'gsm8k.cot.8shot',
  version: 1,
  benchmark: 'gsm8k',
  description: 'GSM8K 8-shot chain of thought (lm-eval gsm8k_cot), one user message, flexible + strict match',
  metrics: gsm8kMetrics,
  buildRequest(item: Item<Gsm8kData>) {
    return {
      messages: [{ role: 'user', content: `${fewShotPrefix}Q: ${item.data.question}\nA:` }],
      parameters: { temperature: 0, maxTokens: 256, stop: ['Q:', '</s>', '<|im_end|>'] },
    };
  },
  score(item: Item<Gsm8kData>, completion: string) {
    return scoreGsm8kCompletion({
      completion,
      target: item.data.target,
      strictPattern,
      strictGroupSelect: 0,
    });
  },
  referenceCompletion(item: Item<Gsm8kData>) {
    return ` The answer is ${item.data.target}.`;
  },
};
