import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  pythonPunktSentences,
  pythonReferenceUnavailable,
} from '../../../test/support/python-ifeval-reference.ts';
import { countSentences } from './ifeval-text.ts';
import { languageSamples } from '../../../test/support/language-samples.ts';
import { trickyTokenizerTexts } from '../../../test/support/tricky-tokenizer-texts.ts';
import { punktSentences } from './punkt-sentence-tokenizer.ts';

const lowercaseSentences = [
  'the river was quiet this morning',
  'a heron stood in the shallow water',
  'we walked along the bank for an hour',
  'the path was muddy after the rain',
  'my sister found a smooth grey stone',
  'she kept it in her pocket all day',
  'later we stopped at a small cafe',
  'the owner brought us hot tea',
  'it tasted of mint and honey',
  'outside the clouds began to clear',
  'the sun came out around noon',
  'children were playing near the bridge',
  'one of them had a red kite',
  'the wind pulled it high above the trees',
  'we watched it for a long time',
  'then the string snapped',
  'the kite drifted over the water',
  'everyone ran after it',
  'it landed softly in a field',
  'the boy laughed and picked it up',
  'we went home before dark',
  'it was a good day',
];

describe('punktSentences / countSentences (NLTK Punkt, English model)', () => {
  it('splits all-lower-case text at every sentence end (22 and 5 sentences)', () => {
    expect(countSentences(lowercaseSentences.map((sentence) => `${sentence}.`).join(' '))).toBe(22);
    expect(
      countSentences('i went to the store. it was closed. so i went home. then i made tea. the end.'),
    ).toBe(5);
    expect(punktSentences('wait... what happened? nobody knows! maybe tomorrow.')).toEqual([
      'wait... what happened?',
      'nobody knows!',
      'maybe tomorrow.',
    ]);
  });

  it('keeps abbreviations, initials and decimals inside their sentence', () => {
    expect(
      punktSentences(
        'Dr. Smith met Mr. Jones at 10 a.m. on Jan. 5 in Washington. They talked about the U.S. economy. ' +
          'Prof. Lee joined them later.',
      ),
    ).toEqual([
      'Dr. Smith met Mr. Jones at 10 a.m. on Jan. 5 in Washington.',
      'They talked about the U.S. economy.',
      'Prof. Lee joined them later.',
    ]);
    expect(
      punktSentences(
        "J. R. R. Tolkien wrote books. Mrs. Brown read them to St. John's class in the U.K. and the U.S.A. The end.",
      ),
    ).toEqual([
      'J. R. R. Tolkien wrote books.',
      "Mrs. Brown read them to St. John's class in the U.K. and the U.S.A.",
      'The end.',
    ]);
    expect(
      countSentences(
        'Prices rose 3.5 percent in 2023. Inflation fell to 2.1 percent. The Fed held rates at 5.25 percent vs. 5.5.',
      ),
    ).toBe(3);
  });

  it('follows the English model where it differs from a reader: "e.g." ends a sentence, "p.m. Everyone" does not', () => {
    // "e.g" is not among the model's abbreviations; "everyone" was seen capitalised mid-sentence in training.
    expect(punktSentences('The meeting, e.g. the one in Feb., ended at 5 p.m. Everyone went home.')).toEqual([
      'The meeting, e.g.',
      'the one in Feb., ended at 5 p.m. Everyone went home.',
    ]);
  });

  it('does not end a sentence at a line break alone; closing quotes and brackets stay with their sentence', () => {
    expect(
      punktSentences(
        '# Title\n\nFirst paragraph has two sentences. This is the second.\n\n## Section\n\n- item one\n- item two\n\nFinal words here.',
      ),
    ).toEqual([
      '# Title\n\nFirst paragraph has two sentences.',
      'This is the second.',
      '## Section\n\n- item one\n- item two\n\nFinal words here.',
    ]);
    expect(
      countSentences('Paragraph one ends here.\n\nParagraph two ends here.\n\nParagraph three has no period'),
    ).toBe(3);
    expect(
      punktSentences('He asked, "Are you coming?" She said no. (They left early.) Then it rained!'),
    ).toEqual(['He asked, "Are you coming?"', 'She said no.', '(They left early.)', 'Then it rained!']);
    expect([countSentences(''), countSentences('  \n '), countSentences('No end mark')]).toEqual([0, 0, 1]);
  });
});

describe('punktSentences after a number: collocations and punctuation (NLTK 3.8 PunktSentenceTokenizer, pasted)', () => {
  // python3 (Debian nltk 3.8), PunktSentenceTokenizer with the parameters of data/punkt-english:
  //   tokenize('The fund ranked 3. Business was slow.') -> one sentence ("##number##\tbusiness" is a collocation)
  //   tokenize('He won 3. ; then he left.') (also ':' and ',') -> one sentence; 'He came 2nd. ; Colgate won.' -> two
  it('keeps a number and a collocated word together, and a number before ; : , in its sentence', () => {
    expect(
      [
        'The fund ranked 3. Business was slow.',
        'He won 3. ; then he left.',
        'He won 3. : then he left.',
        'He won 3. , then he left.',
        'He came 2nd. ; Colgate won.',
      ].map((text) => punktSentences(text)),
    ).toEqual([
      ['The fund ranked 3. Business was slow.'],
      ['He won 3. ; then he left.'],
      ['He won 3. : then he left.'],
      ['He won 3. , then he left.'],
      ['He came 2nd.', '; Colgate won.'],
    ]);
  });
});

const datasetFile = resolve(import.meta.dirname, '../../../../shared/datasets/ifeval/input_data.jsonl');
const unavailable = pythonReferenceUnavailable();

describe.skipIf(unavailable !== undefined)(
  `punktSentences agrees with NLTK's PunktSentenceTokenizer (Debian python3-nltk)${unavailable === undefined ? '' : `; skipped: ${unavailable}`}`,
  () => {
    it('on IFEval prompts (when ../shared has them), generated lower-case, capital and multi-paragraph texts and 300 seeded tricky ones', () => {
      const prompts = existsSync(datasetFile)
        ? readFileSync(datasetFile, 'utf8')
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as { prompt: string }).prompt)
        : [];
      const english = [...languageSamples.en, ...lowercaseSentences];
      const generated = [
        ...english,
        ...english.map((text) => text.toUpperCase()),
        lowercaseSentences.join('. '),
        lowercaseSentences.join('.\n'),
        lowercaseSentences.map((sentence, index) => `${index + 1}. ${sentence}`).join('\n'),
        'Mr. and Mrs. Smith live at No. 5, Baker St. in London. Their son, Jr., works for Acme Inc. in the U.S.',
        'Call me at 5 p.m. tomorrow... or not! "Really?" she asked. [See Fig. 3.] OK.',
        'A. B. C. D. E. F. G.',
        '***\n\nSection 1\n\n1. First point. 2. Second point.\n\nP.S. I love you.\n\nP.P.S. Me too.',
        ...trickyTokenizerTexts(300, 2026),
      ];
      const texts = [...prompts, ...generated, ...prompts.map((prompt) => prompt.toLowerCase())];
      const reference = pythonPunktSentences(texts);
      const differences = texts
        .map((text, index) => ({ text, parity: punktSentences(text), nltk: reference[index] }))
        .filter(({ parity, nltk }) => JSON.stringify(parity) !== JSON.stringify(nltk));
      expect(differences).toEqual([]);
    });
  },
);
