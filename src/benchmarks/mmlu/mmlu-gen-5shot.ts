import { answerAfterPrefix } from '../../scoring/answer-after-prefix.ts';
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
export const llamaExactMatchOptions = {
  ignoreCase: true,
  ignorePunctuation: true,
  // Stryker disable next-line ArrayDeclaration,Regex: ignorePunctuation then removes every "$" and "." anyway
  regexesToIgnore: [/\$/, /\.(?=\n?$)/],
};

/** The few-shot turns of each subject, built once: every item of a subject shares its dev rows (one array). */
const shotTurns = new WeakMap<readonly MmluExample[], readonly ChatMessage[]>();

function fewShotTurns(devExamples: readonly MmluExample[]): readonly ChatMessage[] {
  let turns = shotTurns.get(devExamples);
  // Stryker disable next-line ConditionalExpression: a cache; rebuilding the turns gives equal turns
  if (turns === undefined) {
    turns = devExamples.flatMap((example): ChatMessage[] => [
      { role: 'user', content: formatLlamaMmluPrompt(example) },
      { role: 'assistant', content: `${mmluAnswerPrefix} ${example.answer}.` },
    ]);
    shotTurns.set(devExamples, turns);
  }
  return turns;
}

/**
 * Meta Llama 3.1 instruct MMLU 5-shot, generative (lm-eval `mmlu_llama`, run with the chat template and the
 * few-shot examples as multi-turn chat): five dev examples as user/assistant turns ("The best answer is X."),
 * then the test question; the reply is prefilled with "The best answer is"; stop "."; 10 tokens; greedy.
 */
export const mmluGen5shot: Protocol<MmluData> = {
  kind: 'generate',
  id: 'mmlu.gen.5shot',
  version: 2,
  benchmark: 'mmlu',
  description: 'MMLU 5-shot generative, Llama 3.1 instruct chat format ("The best answer is X"), exact match',
  metrics: mmluMetrics,
  buildRequest(item: Item<MmluData>) {
    return {
      messages: [
        ...fewShotTurns(item.data.devExamples),
        { role: 'user', content: formatLlamaMmluPrompt(item.data) },
      ],
      parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
      assistantPrefix: mmluAnswerPrefix,
    };
  },
  score(item: Item<MmluData>, completion: string, context?: { prefillApplied?: boolean }): ItemScore {
    // lm-eval's `remove_whitespace` filter is `str.strip()` (lm_eval/filters/extraction.py), so "\nB" reads B.
    const prediction = answerAfterPrefix({
      completion,
      prefix: mmluAnswerPrefix,
      prefillApplied: context?.prefillApplied,
    });
    const correct = exactMatch({ prediction, reference: `${item.data.answer}.`, ...llamaExactMatchOptions });
    // Stryker disable next-line MethodExpression: answerAfterPrefix already strips (lm-eval remove_whitespace)
    const extracted = prediction.trim();
    return { scores: { accuracy: correct ? 1 : 0 }, extracted: extracted === '' ? null : extracted };
  },
  referenceCompletion(item: Item<MmluData>) {
    // What a model returns after the prefilled prefix when it stops at ".".
    return ` ${item.data.answer}`;
  },
};
