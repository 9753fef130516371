import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../spec/index.ts';
import { mmluCot0shot } from './mmlu-cot-0shot.ts';
import { mmluFixtureItem } from './mmlu-fixture-item.ts';

describe('mmlu.cot.0shot request', () => {
  it('sends the simple-evals template as one user message, question verbatim', () => {
    const expected: GenerateRequest = {
      messages: [
        {
          role: 'user',
          content:
            "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by step before answering.\n\n" +
            '  What is closest to the Sun?\n\n\nA) Venus\nB) Mercury\nC) Earth \nD) Mars',
        },
      ],
      parameters: { temperature: 0, maxTokens: 1024 },
    };
    expect(mmluCot0shot.buildRequest(mmluFixtureItem())).toEqual(expected);
  });
});

describe('mmlu.cot.0shot scoring', () => {
  const item = mmluFixtureItem(); // gold B

  it('reads the final "Answer: X" line', () => {
    expect(mmluCot0shot.score(item, 'Mercury orbits closest.\n\nAnswer: B')).toEqual({
      scores: { accuracy: 1 },
      extracted: 'B',
    });
    expect(mmluCot0shot.score(item, '**Answer: $\\boxed{B}$**').scores).toEqual({ accuracy: 1 });
  });

  it('takes the first "Answer:" when the reply has several (upstream behaviour)', () => {
    expect(mmluCot0shot.score(item, 'Answer: A? No.\nAnswer: B')).toEqual({
      scores: { accuracy: 0 },
      extracted: 'A',
    });
  });

  it('a lower-case letter does not equal the gold letter (as upstream)', () => {
    expect(mmluCot0shot.score(item, 'answer: b')).toEqual({ scores: { accuracy: 0 }, extracted: 'b' });
  });

  it('no answer line: extracted null and score 0', () => {
    expect(mmluCot0shot.score(item, 'The best answer is B.')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
  });

  it('scores its reference completion as correct', () => {
    expect(mmluCot0shot.score(item, mmluCot0shot.referenceCompletion(item)).scores).toEqual({ accuracy: 1 });
  });
});
