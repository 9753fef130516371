import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ifevalDataDirectory } from './ifeval-data-directory.ts';

/**
 * A trained Punkt model (NLTK `PunktParameters`): what the unsupervised training learned from a corpus. The English
 * model is NLTK's `tokenizers/punkt` English model, written out in the plain-text layout of NLTK's `punkt_tab`.
 */
export interface PunktParameters {
  /** Abbreviations, lower case, without their final period (`u.s`, `mr`, `jan`). */
  readonly abbreviationTypes: ReadonlySet<string>;
  /** Word pairs around a period that is not a sentence break, as `first\tsecond`. */
  readonly collocations: ReadonlySet<string>;
  /** Words that often start a sentence after an abbreviation. */
  readonly sentenceStarters: ReadonlySet<string>;
  /** Per word type, bit flags of the case and sentence position it was seen with (`_ORTHO_*`). */
  readonly orthographicContext: ReadonlyMap<string, number>;
}

let english: PunktParameters | undefined;

/** NLTK's English Punkt model (read once per process from the shipped `punkt-english/` files). */
export function englishPunktParameters(): PunktParameters {
  english ??= readPunktParameters(join(ifevalDataDirectory, 'punkt-english'));
  return english;
}

/** Reads `abbrev_types.txt`, `collocations.tab`, `sent_starters.txt` and `ortho_context.tab` from a folder. */
export function readPunktParameters(directory: string): PunktParameters {
  // Lines are kept as written (one abbreviation type is ". . " with its trailing space); only the newline goes.
  const lines = (name: string): string[] =>
    readFileSync(join(directory, name), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
  const orthographicContext = new Map<string, number>();
  for (const line of lines('ortho_context.tab')) {
    const tab = line.lastIndexOf('\t');
    orthographicContext.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return {
    abbreviationTypes: new Set(lines('abbrev_types.txt')),
    collocations: new Set(lines('collocations.tab')),
    sentenceStarters: new Set(lines('sent_starters.txt')),
    orthographicContext,
  };
}
