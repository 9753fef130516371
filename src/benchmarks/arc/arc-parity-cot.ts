import type { Item, ItemScore, MetricSpec, Protocol } from '../../spec/index.ts';
import type { ArcData } from './arc-data.ts';

export const arcMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
];

/**
 * simple-evals `QUERY_TEMPLATE_MULTICHOICE` (common.py) with the letter list fitted to the item: "ABCD" for the
 * usual four choices, "ABC" or "ABCDE" for the few items with three or five.
 */
export function formatArcPrompt(data: ArcData): string {
  const letterList = data.choices.map((choice) => choice.letter).join('');
  return (
    `Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ${letterList}. Think step by step before answering.\n\n` +
    `${data.question}\n\n` +
    data.choices.map((choice) => `${choice.letter}) ${choice.text}`).join('\n')
  );
}

/**
 * simple-evals `ANSWER_PATTERN_MULTICHOICE` (`(?i)Answer[ \t]*:[ \t]*\$?([A-D])\$?`) widened to E for the
 * five-choice items; the FIRST match (`re.search`), letter as written (a lower-case letter is wrong, as upstream).
 */
const answerPattern = /Answer[ \t]*:[ \t]*\$?([A-E])\$?/i;

/** The letter a reply gives after "Answer:", or null. */
export function extractArcAnswer(completion: string): string | null {
  return answerPattern.exec(completion)?.[1] ?? null;
}

/**
 * parity's own ARC-Challenge protocol (no published harness runs ARC this way): 0-shot chain of thought with
 * the simple-evals multiple-choice template (as its GPQA and MMLU evals use it; simple-evals has no ARC eval)
 * in one user message, "Answer: X" extraction, exact letter match; greedy, at most 1024 tokens. Formerly
 * `arc.challenge`; docs/decisions/0080-arc-protocols.md.
 */
export const arcParityCot: Protocol<ArcData> = {
  kind: 'generate',
  id: 'arc.parity.cot.0shot',
  version: 1,
  formerIds: ['arc.challenge'],
  benchmark: 'arc',
  description:
    'ARC-Challenge 0-shot chain of thought, parity\'s own protocol (simple-evals multiple-choice template, "Answer: X")',
  metrics: arcMetrics,
  buildRequest(item: Item<ArcData>) {
    return {
      messages: [{ role: 'user', content: formatArcPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 1024 },
    };
  },
  score(item: Item<ArcData>, completion: string): ItemScore {
    const extracted = extractArcAnswer(completion);
    return { scores: { accuracy: extracted === item.data.answer ? 1 : 0 }, extracted };
  },
  referenceCompletion(item: Item<ArcData>) {
    return `Let's think step by step.\n\nAnswer: ${item.data.answer}`;
  },
};
