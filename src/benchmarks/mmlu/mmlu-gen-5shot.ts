import { exactMatch } from '../../scoring/exact-match.ts';
import type { ChatMessage, Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { MmluData, MmluExample } from './mmlu-data.ts';
import { mmluMetrics } from './mmlu-metrics.ts';

/** The generation prefix of lm-eval `llama3/instruct/mmlu` (`gen_prefix`). */
export const mmluAnswerPrefix = 'The best answer is';

/** lm-eval `tasks/llama3/instruct/mmlu/_continuation_template_yaml` `doc_to_text` (question stripped, choices verbatim). */
export function formatLlamaMmluPrompt(example: MmluExample): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  return (
    'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n' +
    `Question: ${example.question.trim()}\n` +
    `A. ${choiceA}\nB. ${choiceB}\nC. ${choiceC}\nD. ${choiceD}\n` +
    'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.'
  );
}

/** lm-eval's `exact_match` settings for this task (`ignore_case`, `ignore_punctuation`, `["\\$", "\\.$"]`). */
const exactMatchOptions = {
  ignoreCase: true,
  ignorePunctuation: true,
  regexesToIgnore: [/\$/, /\.(?=\n?$)/],
};

/**
 * The answer text the scorer compares with the gold letter:
 * - prefilled (`prefillApplied: true`): exactly lm-eval — the continuation after "The best answer is", with one
 *   leading space removed (`remove_whitespace` filter), e.g. " B" → "B".
 * - otherwise (the provider could not prefill, or it is unknown): the reply after the first
 *   "The best answer is" (any case) when it holds one, else the whole reply; leading whitespace removed.
 *   So "The best answer is B.", "The best answer is B", "B" and "B." all read as B.
 * Then lm-eval `exact_match` with ignore_case, ignore_punctuation and regexes `\$`, `\.$` against "X.".
 */
function answerText(completion: string, prefillApplied: boolean | undefined): string {
  if (prefillApplied === true) return completion.startsWith(' ') ? completion.slice(1) : completion;
  const index = completion.toLowerCase().indexOf(mmluAnswerPrefix.toLowerCase());
  const afterPrefix = index >= 0 ? completion.slice(index + mmluAnswerPrefix.length) : completion;
  return afterPrefix.trimStart();
}

/**
 * Meta Llama 3.1 instruct MMLU 5-shot, generative (lm-eval `mmlu_llama`, run with the chat template and the
 * few-shot examples as multi-turn chat): five dev examples as user/assistant turns ("The best answer is X."),
 * then the test question; the reply is prefilled with "The best answer is"; stop "."; 10 tokens; greedy.
 */
export const mmluGen5shot: Protocol<MmluData> = {
  id: 'mmlu.gen.5shot',
  version: 1,
  benchmark: 'mmlu',
  description: 'MMLU 5-shot generative, Llama 3.1 instruct chat format ("The best answer is X"), exact match',
  metrics: mmluMetrics,
  buildRequest(item: Item<MmluData>) {
    const shots = item.data.devExamples.flatMap((example): ChatMessage[] => [
      { role: 'user', content: formatLlamaMmluPrompt(example) },
      { role: 'assistant', content: `${mmluAnswerPrefix} ${example.answer}.` },
    ]);
    return {
      messages: [...shots, { role: 'user', content: formatLlamaMmluPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
      assistantPrefix: mmluAnswerPrefix,
    };
  },
  score(item: Item<MmluData>, completion: string, context?: { prefillApplied?: boolean }): ItemScore {
    const prediction = answerText(completion, context?.prefillApplied);
    const correct = exactMatch({ prediction, reference: `${item.data.answer}.`, ...exactMatchOptions });
    const extracted = prediction.trim();
    return { scores: { accuracy: correct ? 1 : 0 }, extracted: extracted === '' ? null : extracted };
  },
  referenceCompletion(item: Item<MmluData>) {
    // What a model returns after the prefilled prefix when it stops at ".".
    return ` ${item.data.answer}`;
  },
};
