import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { CsvRecordReader } from './csv-record-reader.ts';
import { parseCsv } from './csv.ts';
import { nodeTextFiles } from './text-files.ts';

function writeText(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'parity-csv-')), 'rows.csv');
  writeFileSync(file, text);
  return file;
}

function readAll(file: string, chunkBytes: number) {
  const reader = new CsvRecordReader(file, nodeTextFiles({ chunkBytes }));
  const rows = [];
  for (let row = reader.next(); row !== undefined; row = reader.next()) rows.push(row);
  return rows;
}

const tricky = [
  '\uFEFFq,"a, b","multi\nline",x,"say ""hi""",A\n',
  '\n\r\nsecond,1,2,3,4,B\r\n',
  '5" long,1,2,3,4,C\r',
  '"ends ""quoted""",é,ü,中文,"\r\n",D\n',
  'last,no,newline,at,end,A',
].join('');

describe('CsvRecordReader', () => {
  it('reads the same rows and line numbers as parseCsv, whatever the chunk size', () => {
    const file = writeText(tricky);
    const expected = parseCsv(tricky, { file });
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, 1 << 16]) {
      expect(readAll(file, chunkBytes), `chunk ${chunkBytes}`).toEqual(expected);
    }
  });

  it('names file and line of an unterminated quote, as parseCsv does', () => {
    const file = writeText('ok,1\n"two\nlines,1\n');
    expect(() => readAll(file, 4)).toThrow(
      new InputError('unterminated quoted field', { location: `${file}:2` }),
    );
  });

  it('reads only as far as the rows taken', () => {
    const file = writeText(Array.from({ length: 1000 }, (_, row) => `question ${row},a,b,c,d,A\n`).join(''));
    let bytes = 0;
    const files = nodeTextFiles({ chunkBytes: 256 });
    const counting = {
      open(path: string) {
        const chunks = files.open(path);
        return {
          next() {
            const chunk = chunks.next();
            bytes += chunk?.length ?? 0;
            return chunk;
          },
          close: () => chunks.close(),
        };
      },
    };
    const reader = new CsvRecordReader(file, counting);
    expect(reader.next()?.fields[0]).toBe('question 0');
    expect(reader.next()?.fields[0]).toBe('question 1');
    reader.close();
    expect(bytes).toBe(256);
  });
});
