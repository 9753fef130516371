import type { ChatMessage, Item, Protocol } from '../../spec/index.ts';
import type { Gsm8kData } from './gsm8k-data.ts';
import { gsm8kMetrics, scoreGsm8kCompletion } from './gsm8k-scoring.ts';
import { weiExemplars } from './wei-exemplars.ts';

/** lm-eval `gsm8k_cot_llama` `doc_to_text` (note the final newline). */
export function formatLlamaGsm8kPrompt(question: string): string {
  return (
    'Given the following problem, reason and give a final answer to the problem.\n' +
    `Problem: ${question}\n` +
    'Your response should end with "The final answer is [answer]" where [answer] is the response to the problem.\n'
  );
}

const fewShotMessages: readonly ChatMessage[] = weiExemplars.flatMap((exemplar): ChatMessage[] => [
  { role: 'user', content: formatLlamaGsm8kPrompt(exemplar.question) },
  { role: 'assistant', content: `${exemplar.reasoning} The final answer is ${exemplar.answer}` },
]);

/** lm-eval `strict-match` of gsm8k_cot_llama, group_select -1 (the last "The final answer is N"). */
const strictPattern = /The final answer is ((-?[$0-9.,]{2,})|(-?[0-9]+))/;

/**
 * Meta's Llama 3 GSM8K variant (lm-eval `gsm8k_cot_llama`): chat template, the 8 exemplars as user/assistant
 * turns, then the test problem; greedy; 1024 tokens (Meta's setting); upstream's stop strings. Scored by the
 * "The final answer is N" strict pattern and flexible-extract.
 */
export const gsm8kCot8shotLlama: Protocol<Gsm8kData> = {
  kind: 'generate',
  id: 'gsm8k.cot.8shot.llama',
  version: 1,
  benchmark: 'gsm8k',
  description: 'GSM8K 8-shot chain of thought, Llama 3 multi-turn chat format ("The final answer is N")',
  metrics: gsm8kMetrics,
  buildRequest(item: Item<Gsm8kData>) {
    return {
      messages: [...fewShotMessages, { role: 'user', content: formatLlamaGsm8kPrompt(item.data.question) }],
      parameters: {
        temperature: 0,
        maxTokens: 1024,
        stop: ['<|eot_id|>', '<|start_header_id|>user<|end_header_id|>', 'Q:', '</s>', '<|im_end|>'],
      },
    };
  },
  score(item: Item<Gsm8kData>, completion: string) {
    return scoreGsm8kCompletion({
      completion,
      target: item.data.target,
      strictPattern,
      strictGroupSelect: -1,
    });
  },
  referenceCompletion(item: Item<Gsm8kData>) {
    return `The final answer is ${item.data.target}`;
  },
};
