import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  pythonReferenceUnavailable,
  pythonWordTokenize,
} from '../../../test/support/python-ifeval-reference.ts';
import { isUpperPython } from './ifeval-text.ts';
import { languageSamples } from '../../../test/support/language-samples.ts';
import { trickyTokenizerTexts } from '../../../test/support/tricky-tokenizer-texts.ts';
import { nltkWordTokenize } from './nltk-word-tokenize.ts';

describe('nltkWordTokenize (nltk.word_tokenize)', () => {
  it('splits contractions, quotes, punctuation and sentence-final periods as the Treebank tokenizer does', () => {
    expect(nltkWordTokenize('I can\'t believe it\'s "not" butter!')).toEqual([
      'I',
      'ca',
      "n't",
      'believe',
      'it',
      "'s",
      '``',
      'not',
      "''",
      'butter',
      '!',
    ]);
    expect(nltkWordTokenize("He said, 'hello' and left -- quickly...")).toEqual([
      'He',
      'said',
      ',',
      "'hello",
      "'",
      'and',
      'left',
      '--',
      'quickly',
      '...',
    ]);
    expect(nltkWordTokenize('Prices: $5, 10%, #1 @home & more; (see [notes]).')).toEqual([
      'Prices',
      ':',
      '$',
      '5',
      ',',
      '10',
      '%',
      ',',
      '#',
      '1',
      '@',
      'home',
      '&',
      'more',
      ';',
      '(',
      'see',
      '[',
      'notes',
      ']',
      ')',
      '.',
    ]);
  });

  it('gives the capital words change_case:capital_word_frequency counts', () => {
    const tokens = nltkWordTokenize("THE U.S.A. IS BIG. I'M HERE. WE'LL SEE. DON'T GO.");
    expect(tokens).toEqual([
      'THE',
      'U.S.A.',
      'IS',
      'BIG',
      '.',
      'I',
      "'M",
      'HERE',
      '.',
      'WE',
      "'LL",
      'SEE',
      '.',
      'DO',
      "N'T",
      'GO',
      '.',
    ]);
    expect(tokens.filter((token) => isUpperPython(token))).toHaveLength(13);
  });
});

const datasetFile = resolve(import.meta.dirname, '../../../../shared/datasets/ifeval/input_data.jsonl');
const unavailable = pythonReferenceUnavailable();

describe.skipIf(unavailable !== undefined)(
  `nltkWordTokenize agrees with nltk.word_tokenize (Debian python3-nltk)${unavailable === undefined ? '' : `; skipped: ${unavailable}`}`,
  () => {
    it('on IFEval prompts (when ../shared has them), in capitals too, the sample paragraphs and 300 seeded tricky texts', () => {
      const prompts = existsSync(datasetFile)
        ? readFileSync(datasetFile, 'utf8')
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as { prompt: string }).prompt)
        : [];
      const samples = Object.values(languageSamples).flat();
      const texts = [
        ...prompts,
        ...prompts.map((prompt) => prompt.toUpperCase()),
        ...samples,
        "Gimme more'n that, wanna go? 'Tis fine. Cannot, gotta, lemme, d'ye.",
        '“Smart quotes” and ‘single’ «guillemets» „low“ x,y 1,000 a:b 3:45 <tag> {brace} *star*',
        ...trickyTokenizerTexts(300, 2026),
      ];
      const reference = pythonWordTokenize(texts);
      const differences = texts
        .map((text, index) => ({ text, parity: nltkWordTokenize(text), nltk: reference[index] }))
        .filter(({ parity, nltk }) => JSON.stringify(parity) !== JSON.stringify(nltk));
      expect(differences).toEqual([]);
    });
  },
);
