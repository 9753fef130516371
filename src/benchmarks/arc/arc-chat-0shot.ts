import type { MetricSpec } from '../../spec/index.ts';
import { defineProtocol } from '../definition/define-protocol.ts';
import { multipleChoiceVariables } from '../definition/multiple-choice-variables.ts';
import type { ArcData } from './arc-data.ts';

/** `gen_prefix` of lm-eval `arc_challenge_llama` (and `arc_challenge_chat`). */
export const arcAnswerPrefix = 'The best answer is';

/**
 * Meta's Llama 3.1 instruct ARC-Challenge protocol as lm-eval's `arc_challenge_llama` runs it
 * (tasks/llama3/instruct/arc_challenge/arc_challenge_llama.yaml): the four-choice questions only (`process_docs`
 * keeps `len(choices) == 4`: 1,165 of 1,172), 0-shot, one user message (`doc_to_text`, question verbatim), the
 * reply prefilled with "The best answer is", greedy, at most 100 tokens, no stop string; the answer is the
 * continuation stripped (`remove_whitespace`), compared by exact match (`ignore_case`, `ignore_punctuation`,
 * `regexes_to_ignore` "\$" and "\.$") with the gold letter.
 */
export const arcChat0shot = defineProtocol<ArcData>({
  id: 'arc.chat.0shot',
  version: 1,
  benchmark: 'arc',
  description:
    'ARC-Challenge 0-shot, Llama 3.1 instruct chat format ("The best answer is X"), four-choice items, exact match',
  include: (data) => data.choices.length === 4,
  // The template always shows four choices (three-choice items are not run).
  variables: (data) => multipleChoiceVariables(data, { slots: 4 }),
  prompt: {
    user:
      'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n' +
      'Question: {{question}}\n' +
      'A. {{choice_a}}\nB. {{choice_b}}\nC. {{choice_c}}\nD. {{choice_d}}\n' +
      'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.',
  },
  generation: { temperature: 0, max_tokens: 100 },
  assistant_prefix: arcAnswerPrefix,
  extract: 'after-prefix',
  // Python's `$` also matches before a final newline, so upstream `\.$` is written `\.(?=\n?$)`.
  match: {
    type: 'exact',
    ignore_case: true,
    ignore_punctuation: true,
    regexes_to_ignore: ['\\$', '\\.(?=\\n?$)'],
  },
  // What a model returns after the prefilled prefix.
  reference: ' {{answer}}.',
});

export const arcChatMetrics: readonly MetricSpec[] = arcChat0shot.metrics;
