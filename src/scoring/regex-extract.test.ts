import { describe, expect, it } from 'vitest';
import { findAll, INVALID_EXTRACTION, regexExtract } from './regex-extract.ts';

describe('findAll (Python re.findall semantics)', () => {
  it('returns whole matches without groups, the group with one, tuples with several', () => {
    expect(findAll('a1 b22', /[0-9]+/)).toEqual(['1', '22']);
    expect(findAll('x=1, y=2', /=([0-9])/)).toEqual(['1', '2']);
    expect(findAll('$12 and 7', /(-?[$0-9.,]{2,})|(-?[0-9]+)/)).toEqual([
      ['$12', ''],
      ['', '7'],
    ]);
  });
});

describe('regexExtract (lm-eval RegexFilter)', () => {
  const flexible = /(-?[$0-9.,]{2,})|(-?[0-9]+)/;

  it('takes the first match by default and the last with groupSelect -1', () => {
    expect(regexExtract('3 apples and 45 pears', { pattern: flexible })).toBe('3');
    expect(regexExtract('3 apples and 45 pears', { pattern: flexible, groupSelect: -1 })).toBe('45');
  });

  it('reduces a tuple to its first non-empty group', () => {
    const pattern = /The final answer is ((-?[$0-9.,]{2,})|(-?[0-9]+))/;
    expect(regexExtract('The final answer is $1,200', { pattern, groupSelect: -1 })).toBe('$1,200');
  });

  it('strips whitespace around the match', () => {
    expect(regexExtract('answer:  7 ', { pattern: /answer:(\s*[0-9]+\s*)/ })).toBe('7');
  });

  it('returns the fallback when nothing matches', () => {
    expect(regexExtract('no digits here', { pattern: flexible })).toBe(INVALID_EXTRACTION);
    expect(regexExtract('no digits here', { pattern: flexible, fallback: '' })).toBe('');
  });

  it('returns the fallback when the selected tuple is all empty', () => {
    expect(regexExtract('ab', { pattern: /(x)?(y)?b/ })).toBe(INVALID_EXTRACTION);
  });
});
