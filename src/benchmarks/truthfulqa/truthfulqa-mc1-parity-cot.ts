import { extractAnswerLetter } from '../../scoring/answer-letter.ts';
import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import { formatSimpleEvalsMultipleChoice } from '../definition/simple-evals-multiple-choice.ts';
import { truthfulqaChoiceOrder } from './truthfulqa-choice-order.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc1Metrics } from './truthfulqa-mc1-loglik.ts';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The MC1 choices in the order shown, each with its letter; `gold` is the letter of the true answer. */
export function truthfulqaShownChoices(data: TruthfulqaData): {
  choices: { letter: string; text: string }[];
  gold: string;
} {
  const order = truthfulqaChoiceOrder(data.question, data.mc1.choices.length);
  const choices = order.map((fileIndex, shown) => ({
    letter: letters[shown] ?? '?',
    // Stryker disable next-line StringLiteral: the order is a permutation of 0…count-1, so the fallback is never taken
    text: data.mc1.choices[fileIndex] ?? '',
  }));
  return { choices, gold: letters[order.indexOf(0)] ?? '?' };
}

/**
 * simple-evals `QUERY_TEMPLATE_MULTICHOICE` (common.py) with the letter list fitted to the item's 2 to 13 MC1
 * choices, shown in the seeded order of truthfulqaChoiceOrder.
 */
export function formatTruthfulqaPrompt(data: TruthfulqaData): string {
  const { choices, gold } = truthfulqaShownChoices(data);
  return formatSimpleEvalsMultipleChoice({ question: data.question, choices, answer: gold });
}

/** simple-evals `ANSWER_PATTERN_MULTICHOICE` widened to the 13 letters MC1 can need; the first match. */
const answerLetters = 'ABCDEFGHIJKLM';

/**
 * parity's own generative TruthfulQA for chat endpoints without log-probabilities (no published harness runs
 * MC1 this way): the MC1 choices lettered in a fixed per-question shuffled order, 0-shot chain of thought with
 * the simple-evals multiple-choice template, "Answer: X" read as simple-evals reads it (a lower-case letter is
 * wrong, as upstream); greedy, at most 1024 tokens. Accuracy = the MC1 figure's generative counterpart.
 */
export const truthfulqaMc1ParityCot: Protocol<TruthfulqaData> = {
  kind: 'generate',
  id: 'truthfulqa.mc1.parity.cot.0shot',
  version: 1,
  benchmark: 'truthfulqa',
  description:
    'TruthfulQA MC1 choices as a lettered chat question, parity\'s own protocol (simple-evals template, "Answer: X")',
  metrics: truthfulqaMc1Metrics,
  buildRequest(item: Item<TruthfulqaData>) {
    return {
      messages: [{ role: 'user', content: formatTruthfulqaPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 1024 },
    };
  },
  score(item: Item<TruthfulqaData>, completion: string): ItemScore {
    const extracted = extractAnswerLetter(completion, answerLetters);
    const { gold } = truthfulqaShownChoices(item.data);
    return { scores: { accuracy: extracted === gold ? 1 : 0 }, extracted };
  },
  referenceCompletion(item: Item<TruthfulqaData>) {
    return `Let's think step by step.\n\nAnswer: ${truthfulqaShownChoices(item.data).gold}`;
  },
};
