import { answerAfterPrefix } from '../../scoring/answer-after-prefix.ts';
import { exactMatch } from '../../scoring/exact-match.ts';
import type { Item, ItemScore, MetricSpec, Protocol, ScoreContext } from '../../spec/index.ts';
import type { ArcData } from './arc-data.ts';

/** `gen_prefix` of lm-eval `arc_challenge_llama` (and `arc_challenge_chat`). */
export const arcAnswerPrefix = 'The best answer is';

export const arcChatMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
];

/** lm-eval `tasks/llama3/instruct/arc_challenge/arc_challenge_llama.yaml` `doc_to_text` (question verbatim). */
export function formatLlamaArcPrompt(data: ArcData): string {
  const [choiceA, choiceB, choiceC, choiceD] = data.choices.map((choice) => choice.text);
  return (
    'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n' +
    `Question: ${data.question}\n` +
    `A. ${choiceA ?? ''}\nB. ${choiceB ?? ''}\nC. ${choiceC ?? ''}\nD. ${choiceD ?? ''}\n` +
    'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.'
  );
}

/** The task's `exact_match` settings: ignore_case, ignore_punctuation, regexes_to_ignore `\$` and `\.$`. */
const exactMatchOptions = {
  ignoreCase: true,
  ignorePunctuation: true,
  regexesToIgnore: [/\$/, /\.(?=\n?$)/],
};

/**
 * Meta's Llama 3.1 instruct ARC-Challenge protocol as lm-eval's `arc_challenge_llama` runs it: the four-choice
 * questions only (`process_docs` keeps `len(choices) == 4`: 1,165 of 1,172), 0-shot, one user message, the
 * reply prefilled with "The best answer is", greedy, at most 100 tokens, no stop string; the answer is the
 * continuation stripped (`remove_whitespace`), compared by exact match (case, punctuation, "$" and a final "."
 * ignored) with the gold letter.
 */
export const arcChat0shot: Protocol<ArcData> = {
  kind: 'generate',
  id: 'arc.chat.0shot',
  version: 1,
  benchmark: 'arc',
  description:
    'ARC-Challenge 0-shot, Llama 3.1 instruct chat format ("The best answer is X"), four-choice items, exact match',
  metrics: arcChatMetrics,
  includesItem: (item: Item<ArcData>) => item.data.choices.length === 4,
  buildRequest(item: Item<ArcData>) {
    return {
      messages: [{ role: 'user', content: formatLlamaArcPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 100 },
      assistantPrefix: arcAnswerPrefix,
    };
  },
  score(item: Item<ArcData>, completion: string, context?: ScoreContext): ItemScore {
    const prediction = answerAfterPrefix({
      completion,
      prefix: arcAnswerPrefix,
      prefillApplied: context?.prefillApplied,
    });
    const correct = exactMatch({ prediction, reference: item.data.answer, ...exactMatchOptions });
    return { scores: { accuracy: correct ? 1 : 0 }, extracted: prediction === '' ? null : prediction };
  },
  referenceCompletion(item: Item<ArcData>) {
    // What a model returns after the prefilled prefix.
    return ` ${item.data.answer}.`;
  },
};
