import { describe, expect, it } from 'vitest';
import {
  assembleScore,
  assembledLine,
  mergeRecords,
  recordsFromReport,
  sourceSha256,
  type FileRecord,
} from '../scripts/mutation-partials.mjs';

// sha256 of "abc" (FIPS 180-2, appendix B.1).
const abcSha = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function record(file: string, overrides: Partial<FileRecord> = {}): FileRecord {
  return {
    file,
    sha256: abcSha,
    detected: 9,
    undetected: 1,
    date: '2026-12-07T18:00:00.000Z',
    machine: 'm',
    ...overrides,
  };
}

describe('mutation partial results', () => {
  it('hashes a source with sha256', () => {
    expect(sourceSha256('abc')).toBe(abcSha);
  });

  it("counts each file's mutants of a Stryker report: killed and timeout detected, survived and no coverage not, errors left out", () => {
    const report = {
      files: {
        'src/a.ts': {
          source: 'abc',
          mutants: [
            { status: 'Killed' },
            { status: 'Timeout' },
            { status: 'Survived' },
            { status: 'NoCoverage' },
            { status: 'CompileError' },
            { status: 'RuntimeError' },
            { status: 'Ignored' },
            { status: 'Killed' },
          ],
        },
      },
    };
    const records = recordsFromReport(report, {
      date: '2026-12-07T18:00:00.000Z',
      machine: 'box, 2 cores',
      extraFiles: { 'src/a.ts': 'abc', 'src/types-only.ts': '' },
    });
    expect(records['src/a.ts']).toEqual({
      file: 'src/a.ts',
      sha256: abcSha,
      detected: 3,
      undetected: 2,
      date: '2026-12-07T18:00:00.000Z',
      machine: 'box, 2 cores',
    });
    // A file the run mutated without any mutant is recorded with no mutants (sha256 of the empty text).
    expect(records['src/types-only.ts']).toMatchObject({
      detected: 0,
      undetected: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('keeps the later result of each file when merging', () => {
    const older = record('src/a.ts', { date: '2026-12-07T17:00:00.000Z', detected: 1 });
    const newer = record('src/a.ts', { date: '2026-12-07T18:30:00.000Z', detected: 5 });
    const other = record('src/b.ts');
    expect(mergeRecords({ 'src/a.ts': newer }, { 'src/a.ts': older, 'src/b.ts': other })).toEqual({
      'src/a.ts': newer,
      'src/b.ts': other,
    });
    expect(mergeRecords({ 'src/a.ts': older }, { 'src/a.ts': newer })['src/a.ts']).toBe(newer);
  });

  it('assembles a score only when every file has an unchanged result, summing the counts', () => {
    const records = {
      'src/a.ts': record('src/a.ts', { detected: 45, undetected: 5, date: '2026-12-07T17:10:00.000Z' }),
      'src/b.ts': record('src/b.ts', { detected: 27, undetected: 3, date: '2026-12-07T18:20:00.000Z' }),
    };
    const currentSha256 = { 'src/a.ts': abcSha, 'src/b.ts': abcSha };
    // (45 + 27) / (45 + 5 + 27 + 3) = 72 / 80 = 90%.
    expect(assembleScore({ moduleFiles: ['src/a.ts', 'src/b.ts'], records, currentSha256 })).toEqual({
      complete: true,
      files: 2,
      detected: 72,
      undetected: 8,
      score: 90,
      firstDate: '2026-12-07T17:10:00.000Z',
      lastDate: '2026-12-07T18:20:00.000Z',
    });
    expect(
      assembleScore({ moduleFiles: ['src/a.ts', 'src/b.ts', 'src/c.ts'], records, currentSha256 }),
    ).toEqual({ complete: false, files: 3, missing: ['src/c.ts'], changed: [] });
    expect(
      assembleScore({
        moduleFiles: ['src/a.ts', 'src/b.ts'],
        records,
        currentSha256: { 'src/a.ts': abcSha, 'src/b.ts': sourceSha256('edited') },
      }),
    ).toEqual({ complete: false, files: 2, missing: [], changed: ['src/b.ts'] });
  });

  it('labels the assembled line and says why a module has none', () => {
    const complete = assembleScore({
      moduleFiles: ['src/a.ts'],
      records: { 'src/a.ts': record('src/a.ts', { detected: 7, undetected: 3 }) },
      currentSha256: { 'src/a.ts': abcSha },
    });
    const line = assembledLine('analysis', 80, complete);
    expect(line).toContain('70.0%');
    expect(line).toContain('BELOW');
    expect(line).toContain('ASSEMBLED from the runs of its 1 files, 2026-12-07T18:00Z to 2026-12-07T18:00Z');
    const none = assembledLine('analysis', 80, {
      complete: false,
      files: 3,
      missing: ['src/c.ts'],
      changed: ['src/b.ts'],
    });
    expect(none).toContain(
      'no assembled score: of 3 files, 1 never run (src/c.ts); 1 changed since their run (src/b.ts)',
    );
  });
});
