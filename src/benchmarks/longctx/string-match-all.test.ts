import { describe, expect, it } from 'vitest';
import { stringMatchAll, stringMatchPart } from './string-match-all.ts';

describe('stringMatchAll (RULER string_match_all)', () => {
  it('scores 0, not NaN, when there is no reference', () => {
    expect(stringMatchAll('anything', [])).toBe(0);
  });

  it('folds the case of both the prediction and the references', () => {
    expect(stringMatchAll('the code is abc-def', ['ABC', 'Def'])).toBe(1);
    expect(stringMatchAll('THE CODE IS ABC', ['abc', 'xyz', 'code', 'q'])).toBe(0.5);
  });
});

describe('stringMatchPart (RULER string_match_part)', () => {
  it('folds the case of both sides and scores 0 with no reference', () => {
    expect(stringMatchPart('the code is abc', ['XYZ', 'ABC'])).toBe(1);
    expect(stringMatchPart('THE CODE IS ABC', ['abc'])).toBe(1);
    expect(stringMatchPart('anything', [])).toBe(0);
  });
});
