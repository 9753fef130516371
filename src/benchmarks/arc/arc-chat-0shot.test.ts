import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { arcChat0shot } from './arc-chat-0shot.ts';
import type { ArcData } from './arc-data.ts';

const item: Item<ArcData> = {
  id: 'Mercury_SC_415702',
  data: {
    question: 'George wants to warm his hands quickly by rubbing them. ',
    choices: [
      { letter: 'A', text: 'dry palms' },
      { letter: 'B', text: 'wet palms' },
      { letter: 'C', text: 'palms covered with oil' },
      { letter: 'D', text: 'palms covered with lotion' },
    ],
    answer: 'A',
  },
};

describe('arc.chat.0shot (Llama 3.1 / lm-eval arc_challenge_llama)', () => {
  it('sends the Llama 3.1 prompt (question verbatim) with the prefix, greedy, 100 tokens, no stop', () => {
    const expected: GenerateRequest = {
      messages: [
        {
          role: 'user',
          content:
            'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n' +
            'Question: George wants to warm his hands quickly by rubbing them. \n' +
            'A. dry palms\nB. wet palms\nC. palms covered with oil\nD. palms covered with lotion\n' +
            'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.',
        },
      ],
      parameters: { temperature: 0, maxTokens: 100 },
      assistantPrefix: 'The best answer is',
    };
    expect(arcChat0shot.buildRequest(item)).toEqual(expected);
  });

  it('runs on four-choice questions only, as Meta and lm-eval process_docs', () => {
    const three: Item<ArcData> = { ...item, data: { ...item.data, choices: item.data.choices.slice(0, 3) } };
    expect(arcChat0shot.includesItem?.(item)).toBe(true);
    expect(arcChat0shot.includesItem?.(three)).toBe(false);
  });

  it('strips the continuation and compares it with the letter ignoring case, punctuation, "$" and a final "."', () => {
    const score = (completion: string, prefillApplied?: boolean) =>
      arcChat0shot.score(item, completion, prefillApplied === undefined ? undefined : { prefillApplied })
        .scores.accuracy;
    expect(score(' A.', true)).toBe(1);
    expect(score('\n a', true)).toBe(1);
    expect(score(' $A$', true)).toBe(1);
    expect(score(' B.', true)).toBe(0);
    expect(score(' A. Dry palms have more friction.', true)).toBe(0);
    expect(score('Rubbing dry palms works best. The best answer is A.', false)).toBe(1);
    expect(arcChat0shot.score(item, arcChat0shot.referenceCompletion(item)).scores.accuracy).toBe(1);
  });

  it('keeps the stripped continuation as the extraction, and none for an empty reply', () => {
    expect(arcChat0shot.score(item, ' B.', { prefillApplied: true }).extracted).toBe('B.');
    expect(arcChat0shot.score(item, '  ', { prefillApplied: true })).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
  });
});
