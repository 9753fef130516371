import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPunktParameters } from './punkt-parameters.ts';

describe('readPunktParameters (the punkt_tab layout)', () => {
  it('reads one entry a line, skips empty lines, keeps spaces and splits the orthographic flags at the last tab', () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-punkt-'));
    writeFileSync(join(directory, 'abbrev_types.txt'), 'mr\n. . \n\nu.s\n');
    writeFileSync(join(directory, 'collocations.tab'), 'jan\t##number##\n\n');
    writeFileSync(join(directory, 'sent_starters.txt'), 'however\nthe\n');
    writeFileSync(join(directory, 'ortho_context.tab'), 'apple\t34\n\nodd\tword\t4\n');
    const parameters = readPunktParameters(directory);
    rmSync(directory, { recursive: true });
    expect({
      abbreviations: [...parameters.abbreviationTypes],
      collocations: [...parameters.collocations],
      starters: [...parameters.sentenceStarters],
      orthographic: [...parameters.orthographicContext],
    }).toEqual({
      abbreviations: ['mr', '. . ', 'u.s'],
      collocations: ['jan\t##number##'],
      starters: ['however', 'the'],
      orthographic: [
        ['apple', 34],
        ['odd\tword', 4],
      ],
    });
  });
});
