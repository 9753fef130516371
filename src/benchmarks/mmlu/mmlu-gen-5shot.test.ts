import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../spec/index.ts';
import { mmluFixtureItem } from './mmlu-fixture-item.ts';
import { mmluGen5shot } from './mmlu-gen-5shot.ts';

const instruction =
  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n';
const ending =
  'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.';

function devTurn(number: number, letter: string) {
  return [
    {
      role: 'user',
      content: `${instruction}Question: Dev question ${number}?\nA. a${number}\nB. b${number}\nC. c${number}\nD. d${number}\n${ending}`,
    },
    { role: 'assistant', content: `The best answer is ${letter}.` },
  ];
}

describe('mmlu.gen.5shot request', () => {
  it('sends 5 dev examples as chat turns, then the stripped question, with the prefix and stop', () => {
    const expected: GenerateRequest = {
      messages: [
        ...devTurn(1, 'A'),
        ...devTurn(2, 'B'),
        ...devTurn(3, 'C'),
        ...devTurn(4, 'D'),
        ...devTurn(5, 'A'),
        {
          role: 'user',
          content: `${instruction}Question: What is closest to the Sun?\nA. Venus\nB. Mercury\nC. Earth \nD. Mars\n${ending}`,
        },
      ] as GenerateRequest['messages'],
      parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
      assistantPrefix: 'The best answer is',
    };
    expect(mmluGen5shot.buildRequest(mmluFixtureItem())).toEqual(expected);
  });
});

describe('mmlu.gen.5shot scoring', () => {
  const item = mmluFixtureItem(); // gold B
  const score = (completion: string, prefillApplied?: boolean) =>
    mmluGen5shot.score(item, completion, prefillApplied === undefined ? undefined : { prefillApplied });

  it('accepts the continuation after a prefilled prefix (lm-eval exactly)', () => {
    expect(score(' B', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score('B', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score(' b)', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'b)' });
    expect(score(' $B$', true)).toEqual({ scores: { accuracy: 1 }, extracted: '$B$' });
    expect(score(' C', true)).toEqual({ scores: { accuracy: 0 }, extracted: 'C' });
  });

  it('strips the continuation as lm-eval remove_whitespace (str.strip) does: a newline or two spaces before the letter', () => {
    expect(score('\nB', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score('  B', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score(' B \n', true)).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score('\n\nC', true)).toEqual({ scores: { accuracy: 0 }, extracted: 'C' });
  });

  it('keeps lm-eval strictness when prefilled: a repeated prefix or extra words are wrong', () => {
    expect(score(' The best answer is B', true).scores).toEqual({ accuracy: 0 });
    expect(score(' B because', true).scores).toEqual({ accuracy: 0 });
  });

  it('accepts a full reply when the provider could not prefill', () => {
    for (const reply of [
      'The best answer is B.',
      'The best answer is B',
      'the best answer is b',
      'B',
      'B.',
      '\nB',
    ]) {
      expect(score(reply, false).scores).toEqual({ accuracy: 1 });
    }
    expect(score('The best answer is B.', false).extracted).toBe('B.');
    expect(score('The best answer is D.', false).scores).toEqual({ accuracy: 0 });
  });

  it('treats an unknown prefill state like a full reply', () => {
    expect(score('The best answer is B')).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
    expect(score(' B')).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
  });

  it('scores an empty or wordy reply 0 with extracted null for empty', () => {
    expect(score('', true)).toEqual({ scores: { accuracy: 0 }, extracted: null });
    expect(score('I think it is Mercury', false).scores).toEqual({ accuracy: 0 });
  });

  it('scores its reference completion as correct', () => {
    expect(mmluGen5shot.referenceCompletion(item)).toBe(' B');
    expect(score(mmluGen5shot.referenceCompletion(item), true).scores).toEqual({ accuracy: 1 });
  });
});
