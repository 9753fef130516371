import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../spec/index.ts';
import { mmluCot0shot, mmluCot0shotGreedy } from './mmlu-cot-0shot.ts';
import { mmluFixtureItem } from './mmlu-fixture-item.ts';

describe('mmlu.cot.0shot request', () => {
  it('sends what simple-evals sends: its system message, the template (question verbatim), temperature 0.5, 2048 tokens', () => {
    const expected: GenerateRequest = {
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        {
          role: 'user',
          content:
            "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by step before answering.\n\n" +
            '  What is closest to the Sun?\n\n\nA) Venus\nB) Mercury\nC) Earth \nD) Mars',
        },
      ],
      parameters: { temperature: 0.5, maxTokens: 2048 },
    };
    expect(mmluCot0shot.buildRequest(mmluFixtureItem())).toEqual(expected);
  });

  it('has a named greedy variant that differs only in temperature', () => {
    const upstream = mmluCot0shot.buildRequest(mmluFixtureItem());
    expect(mmluCot0shotGreedy.id).toBe('mmlu.cot.0shot.greedy');
    expect(mmluCot0shotGreedy.buildRequest(mmluFixtureItem())).toEqual({
      ...upstream,
      parameters: { ...upstream.parameters, temperature: 0 },
    });
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

  it('a letter on the line after "Answer:" is not read (simple-evals common.py:28-29 `[ \\t]*`, mmlu_eval.py:106-112)', () => {
    // MULTILINGUAL_ANSWER_PATTERN_TEMPLATE is "(?i){}[ \t]*([A-D]|…)": only spaces and tabs may follow the
    // marker, so re.search finds no letter in "Answer:\nB" and upstream scores the reply 0.
    expect(mmluCot0shot.score(item, 'Mercury orbits closest.\nAnswer:\nB')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
    expect(mmluCot0shot.score(item, 'Answer:\t B').scores).toEqual({ accuracy: 1 });
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
