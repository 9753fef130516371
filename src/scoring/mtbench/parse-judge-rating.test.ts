import { describe, expect, it } from 'vitest';
import { parseJudgeRating } from './parse-judge-rating.ts';

describe('parseJudgeRating', () => {
  it('reads [[x]], falls back to [x], and gives null when there is no rating', () => {
    expect(parseJudgeRating('Good answer. Rating: [[8]]')).toBe(8);
    expect(parseJudgeRating('See [1]. Rating: [[7.5]] and [[3]]')).toBe(7.5);
    expect(parseJudgeRating('Rating: [9]')).toBe(9);
    expect(parseJudgeRating('I would rate this a 9 out of 10.')).toBeNull();
    expect(parseJudgeRating('Rating: [[nine]]')).toBeNull();
  });
});
