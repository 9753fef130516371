import { describe, expect, it } from 'vitest';
import { countWords, isLowerPython, isUpperPython } from './ifeval-text.ts';

describe('IFEval text helpers (instructions_util.py)', () => {
  it('islower / isupper need a cased character, as Python does', () => {
    // python3: [x.islower() for x in ['abc', '123', 'abc1', 'ABC', '', 'ß']] -> [True, False, True, False, False, True]
    //          [x.isupper() for x in ['ABC', '123', 'ABC1', 'abc', '', 'Σ']] -> [True, False, True, False, False, True]
    expect(['abc', '123', 'abc1', 'ABC', '', 'ß'].map(isLowerPython)).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(['ABC', '123', 'ABC1', 'abc', '', 'Σ'].map(isUpperPython)).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('counts \\w+ runs as nltk RegexpTokenizer(r"\\w+") does, none in punctuation only', () => {
    // python3: len(RegexpTokenizer(r"\w+").tokenize(t)) for 'a_b 12, c-d' and '!!! ...' -> 4, 0
    expect([countWords('a_b 12, c-d'), countWords('!!! ...')]).toEqual([4, 0]);
  });
});
