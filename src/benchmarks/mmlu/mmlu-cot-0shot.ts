import { extractMultipleChoiceAnswer } from '../../scoring/extract-multiple-choice-answer.ts';
import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { MmluData, MmluExample } from './mmlu-data.ts';
import { mmluMetrics } from './mmlu-metrics.ts';

/** simple-evals `QUERY_TEMPLATE_MULTICHOICE` filled with one question (text verbatim, nothing trimmed). */
export function formatSimpleEvalsPrompt(example: MmluExample): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  return (
    "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by step before answering.\n\n" +
    `${example.question}\n\n` +
    `A) ${choiceA}\nB) ${choiceB}\nC) ${choiceC}\nD) ${choiceD}`
  );
}

/**
 * openai/simple-evals MMLU, 0-shot chain of thought: one user message; the letter is read with simple-evals'
 * response normalisation and multilingual "Answer:" patterns, FIRST match (see `extractMultipleChoiceAnswer`);
 * score 1 when it equals the gold letter. Greedy, at most 1024 tokens (simple-evals sets no limit of its own).
 */
export const mmluCot0shot: Protocol<MmluData> = {
  id: 'mmlu.cot.0shot',
  version: 1,
  benchmark: 'mmlu',
  description: 'MMLU 0-shot chain of thought, simple-evals template and "Answer: X" extraction',
  metrics: mmluMetrics,
  buildRequest(item: Item<MmluData>) {
    return {
      messages: [{ role: 'user', content: formatSimpleEvalsPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 1024 },
    };
  },
  score(item: Item<MmluData>, completion: string): ItemScore {
    const extracted = extractMultipleChoiceAnswer(completion);
    return { scores: { accuracy: extracted === item.data.answer ? 1 : 0 }, extracted };
  },
  referenceCompletion(item: Item<MmluData>) {
    return `Let's think step by step.\n\nAnswer: ${item.data.answer}`;
  },
};
