import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { parseCsv } from './csv.ts';

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
