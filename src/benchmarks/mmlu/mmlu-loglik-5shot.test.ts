import { describe, expect, it } from 'vitest';
import { mmluFixtureItem } from './mmlu-fixture-item.ts';
import { mmluLoglik5shot } from './mmlu-loglik-5shot.ts';

describe('mmlu.loglik.5shot', () => {
  it('builds the lm-eval default prompt with 5 dev shots and " A".." D" continuations', () => {
    const request = mmluLoglik5shot.buildLogLikelihoodRequest?.(mmluFixtureItem());
    const shot = (number: number, letter: string) =>
      `Dev question ${number}?\nA. a${number}\nB. b${number}\nC. c${number}\nD. d${number}\nAnswer: ${letter}`;
    expect(request).toEqual({
      context:
        'The following are multiple choice questions (with answers) about astronomy.\n\n' +
        [shot(1, 'A'), shot(2, 'B'), shot(3, 'C'), shot(4, 'D'), shot(5, 'A')].join('\n\n') +
        '\n\nWhat is closest to the Sun?\nA. Venus\nB. Mercury\nC. Earth \nD. Mars\nAnswer:',
      continuations: [' A', ' B', ' C', ' D'],
    });
  });

  it('scores the most likely continuation against the gold letter', () => {
    const item = mmluFixtureItem();
    expect(mmluLoglik5shot.score(item, ' B')).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(mmluLoglik5shot.score(item, ' C')).toEqual({ scores: { accuracy: 0 }, extracted: 'C' });
    expect(mmluLoglik5shot.score(item, mmluLoglik5shot.referenceCompletion(item)).scores.accuracy).toBe(1);
  });

  it('names the subject with spaces for underscores (lm-eval description) and extracts nothing from a blank reply', () => {
    const item = mmluFixtureItem();
    const physics = { ...item, data: { ...item.data, subject: 'high_school_physics' } };
    const request = mmluLoglik5shot.buildLogLikelihoodRequest?.(physics);
    expect(
      request?.context.startsWith(
        'The following are multiple choice questions (with answers) about high school physics.\n\n',
      ),
    ).toBe(true);
    expect(mmluLoglik5shot.score(item, ' ')).toEqual({ scores: { accuracy: 0 }, extracted: null });
    expect(mmluLoglik5shot.score(item, ' B')).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
  });
});
