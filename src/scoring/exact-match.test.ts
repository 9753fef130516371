import { describe, expect, it } from 'vitest';
import { exactMatch, normalizeForExactMatch } from './exact-match.ts';

const gsm8kOptions = {
  ignoreCase: true,
  regexesToIgnore: [/,/, /\$/, /[\s\S]*#### /, /\.(?=\n?$)/],
};

describe('exactMatch (lm-eval exact_match)', () => {
  it('applies the gsm8k regexes_to_ignore to prediction and reference', () => {
    expect(normalizeForExactMatch('$1,234.', gsm8kOptions)).toBe('1234');
    expect(normalizeForExactMatch('step one\n#### 72', gsm8kOptions)).toBe('72');
    expect(exactMatch({ prediction: '$1,000.', reference: '1000', ...gsm8kOptions })).toBe(true);
    expect(exactMatch({ prediction: '18.00', reference: '18', ...gsm8kOptions })).toBe(false);
  });

  it('removes a final period also before a trailing newline, like Python `$`', () => {
    expect(normalizeForExactMatch('5.\n', gsm8kOptions)).toBe('5\n');
  });

  it('does not strip whitespace', () => {
    expect(exactMatch({ prediction: ' 5', reference: '5', ...gsm8kOptions })).toBe(false);
  });

  it('ignores case, ASCII punctuation and digits when asked', () => {
    expect(exactMatch({ prediction: 'b)', reference: 'B.', ignoreCase: true, ignorePunctuation: true })).toBe(
      true,
    );
    expect(exactMatch({ prediction: 'b)', reference: 'B.', ignoreCase: true })).toBe(false);
    expect(normalizeForExactMatch('a1b2', { ignoreNumbers: true })).toBe('ab');
  });
});

describe('normalizeForExactMatch, by hand (Python re.sub removes every match)', () => {
  it('removes every match of a pattern given without the g flag, and of one given with it', () => {
    expect(normalizeForExactMatch('a,b,c', { regexesToIgnore: [/,/] })).toBe('abc');
    expect(normalizeForExactMatch('a,b,c', { regexesToIgnore: [/,/g] })).toBe('abc');
  });

  it('lower-cases only when asked, and removes punctuation without putting anything in its place', () => {
    expect(normalizeForExactMatch('AbC')).toBe('AbC');
    expect(normalizeForExactMatch('AbC', { ignoreCase: true })).toBe('abc');
    expect(normalizeForExactMatch('A.B!', { ignorePunctuation: true })).toBe('AB');
  });

  it('matches with the same pattern objects item after item, whatever their own lastIndex', () => {
    const comma = /,/g;
    const options = { regexesToIgnore: [comma, /\.(?=\n?$)/] };
    for (let round = 0; round < 3; round += 1) {
      comma.lastIndex = round * 2;
      expect(normalizeForExactMatch('a,b,c.', options)).toBe('abc');
      expect(comma.lastIndex).toBe(round * 2);
    }
    // Another pattern with the same source keeps its own flags.
    expect(normalizeForExactMatch('A,a', { regexesToIgnore: [/a/i] })).toBe(',');
    expect(normalizeForExactMatch('A,a', { regexesToIgnore: [/a/] })).toBe('A,');
  });
});
