import { describe, expect, it } from 'vitest';
import { pythonRstrip, pythonSplit, pythonStrip } from './python-regex-classes.ts';

describe('Python str.strip / rstrip / split() white space', () => {
  it('takes the characters CPython 3.11 takes (U+001C-U+001F and U+0085 yes, U+FEFF no)', () => {
    // python3: s = '\x1c\u2003 a\x85b \u00a0\ufeff\x1f'; s.strip(), s.rstrip(), s.split()
    //   -> 'a\x85b \xa0\ufeff', '\x1c\u2003 a\x85b \xa0\ufeff', ['a', 'b', '\ufeff']
    const text = '\x1c\u2003 a\x85b \u00a0\ufeff\x1f';
    expect(pythonStrip(text)).toBe('a\x85b \xa0\ufeff');
    expect(pythonRstrip(text)).toBe('\x1c\u2003 a\x85b \xa0\ufeff');
    expect(pythonSplit(text)).toEqual(['a', 'b', '\ufeff']);
  });
});
