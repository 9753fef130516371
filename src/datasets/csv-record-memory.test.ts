import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from './csv-record-reader.ts';
import { nodeTextFiles } from './text-files.ts';

// What the rows of a file cost once read (issue #15: MMLU's 6 MB test split held 154 MB of live heap): a field
// grown a character at a time is a chain of one small object per character, and a field cut from its chunk keeps
// the whole chunk alive. Measured with a full collection before and after, on fields of 2,000 characters.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function liveHeapAfter<T>(make: () => T): { value: T; bytes: number } {
  collect();
  const before = process.memoryUsage().heapUsed;
  const value = make();
  collect();
  return { value, bytes: process.memoryUsage().heapUsed - before };
}

describe('rows read by CsvRecordReader', () => {
  it('hold about their own text: quoted fields are not character chains, and no chunk stays alive', () => {
    const rows = 2_000;
    const field = 'x'.repeat(1_000) + '""' + 'y'.repeat(998);
    const lines = Array.from({ length: rows }, (_, index) => `"${field}",short ${index},"q ${index}"\n`);
    const file = join(mkdtempSync(join(tmpdir(), 'parity-csv-memory-')), 'rows.csv');
    writeFileSync(file, lines.join(''));
    const { value, bytes } = liveHeapAfter(() => {
      const reader = new CsvRecordReader(file, nodeTextFiles({ chunkBytes: 64 * 1024 }));
      const kept = [];
      for (let row = reader.next(); row !== undefined; row = reader.next()) kept.push(row.fields);
      return kept;
    });
    expect(value).toHaveLength(rows);
    expect(value[0]?.[0]).toBe('x'.repeat(1_000) + '"' + 'y'.repeat(998));
    // The fields' text is ~4 MB (2,000 × 2,000 characters); a chain of characters would take ~100 MB.
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
  });
});
