import type { Item } from '../../spec/index.ts';
import type { MmluData, MmluExample } from './mmlu-data.ts';

/** A small hand-written MMLU item (with 5 dev examples) for prompt and scoring tests. */
export function mmluFixtureItem(): Item<MmluData> {
  const devExamples: MmluExample[] = [1, 2, 3, 4, 5].map((number) => ({
    question: `Dev question ${number}?`,
    choices: [`a${number}`, `b${number}`, `c${number}`, `d${number}`],
    answer: (['A', 'B', 'C', 'D', 'A'] as const)[number - 1] ?? 'A',
  }));
  return {
    id: 'astronomy/0',
    group: 'astronomy',
    data: {
      question: '  What is closest to the Sun?\n',
      choices: ['Venus', 'Mercury', 'Earth ', 'Mars'],
      answer: 'B',
      subject: 'astronomy',
      devExamples,
    },
  };
}
