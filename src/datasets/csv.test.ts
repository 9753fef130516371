import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { parseCsv, unquotedFieldEnd } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain and quoted fields with their starting lines', () => {
    const text = 'a,b,c\n"x, y","say ""hi""",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'z'] },
    ]);
  });

  it('keeps embedded line breaks verbatim and counts them in later line numbers', () => {
    const text = '"first\nsecond",1\r\n"cr\r\nlf",2\r\nlast,3';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['first\nsecond', '1'] },
      { line: 3, fields: ['cr\r\nlf', '2'] },
      { line: 5, fields: ['last', '3'] },
    ]);
  });

  it('skips empty lines, keeps empty fields, drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,,\n\n,b\n\n')).toEqual([
      { line: 1, fields: ['a', '', ''] },
      { line: 3, fields: ['', 'b'] },
    ]);
  });

  it('reads a quoted empty field and a quote inside an unquoted field', () => {
    expect(parseCsv('"",5 " inches\n')).toEqual([{ line: 1, fields: ['', '5 " inches'] }]);
  });

  it('rejects an unterminated quote, naming file and line', () => {
    expect(() => parseCsv('ok,1\n"open,2\nmore', { file: 'x.csv' })).toThrow(
      new InputError('unterminated quoted field', { location: 'x.csv:2' }),
    );
  });

  it('rejects text after a closing quote, naming file and line', () => {
    expect(() => parseCsv('a\n"b"c,1', { file: 'y.csv' })).toThrow(/^y\.csv:2: unexpected character "c"/);
  });
});

describe('unquotedFieldEnd', () => {
  it('finds the next separator or line break from any start, whatever the search before it found', () => {
    const text = 'abc,de\nf\rg';
    const bySearch = (start: number): number => {
      for (let index = start; index < text.length; index += 1) {
        if (text[index] === ',' || text[index] === '\n' || text[index] === '\r') return index;
      }
      return text.length;
    };
    // Forward, backward and past the end: each answer is the one a scan from that start gives.
    const starts = [0, 3, 4, 6, 7, 8, 9, 10, 11, 12, 9, 0, 5, 1];
    expect(starts.map((start) => unquotedFieldEnd(text, start))).toEqual(starts.map(bySearch));
    expect(unquotedFieldEnd('no separator here', 0)).toBe(17);
    expect(unquotedFieldEnd('', 0)).toBe(0);
  });
});
