import { describe, expect, it } from 'vitest';
import { extractAnswerLetter } from './answer-letter.ts';

describe('extractAnswerLetter (simple-evals ANSWER_PATTERN_MULTICHOICE)', () => {
  it('takes the first "Answer: X" whose letter is in the class, as written', () => {
    expect(extractAnswerLetter('Answer: B\nAnswer: C', 'ABCD')).toBe('B');
    expect(extractAnswerLetter('answer :\t$c$', 'ABCD')).toBe('c');
    expect(extractAnswerLetter('Answer: E', 'ABCD')).toBeNull();
    expect(extractAnswerLetter('Answer: E', 'ABCDE')).toBe('E');
    expect(extractAnswerLetter('Answer:\nB', 'ABCD')).toBeNull();
  });

  it('refuses a letter class that is not capital letters', () => {
    expect(() => extractAnswerLetter('Answer: A', 'A-D]')).toThrow('letters must be A-Z');
    // Anything before the capitals counts too (a class "^ABC" would negate it), and an empty class is refused.
    expect(() => extractAnswerLetter('Answer: A', '^ABC')).toThrow('letters must be A-Z');
    expect(() => extractAnswerLetter('Answer: A', '')).toThrow('letters must be A-Z');
  });
});
