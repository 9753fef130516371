import { describe, expect, it } from 'vitest';
import { checkInstructions, looseVariants } from './check-instructions.ts';
import type { InstructionArguments } from './instruction-checkers.ts';
import { instructionChecks } from './instruction-checkers.ts';

interface Case {
  readonly id: string;
  readonly args?: InstructionArguments;
  /** Follows the instruction as written: passes strict and loose. */
  readonly pass: string;
  /** Fails in strict and in loose mode. */
  readonly fail: string;
  /** Fails strict, passes loose (a first or last line removed, or `*` removed); with its own arguments if given. */
  readonly looseOnly?: { readonly response: string; readonly args?: InstructionArguments };
}

const cases: readonly Case[] = [
  {
    id: 'keywords:existence',
    args: { keywords: ['apple', 'pear'] },
    pass: 'I like apple and PEAR.',
    fail: 'I like apple.',
    looseOnly: { response: 'I like app*le and pear.' },
  },
  {
    id: 'keywords:frequency',
    args: { keyword: 'cat', frequency: 2, relation: 'at least' },
    pass: 'A cat and a Cat.',
    fail: 'One cat.',
    looseOnly: { response: 'cat\ncat here', args: { keyword: 'cat', frequency: 2, relation: 'less than' } },
  },
  {
    id: 'keywords:forbidden_words',
    args: { forbidden_words: ['bad'] },
    pass: 'All good, badly phrased.',
    fail: 'A Bad day.',
    looseOnly: { response: 'Bad title\nall good' },
  },
  {
    id: 'keywords:letter_frequency',
    args: { letter: 'z', let_frequency: 2, let_relation: 'at least' },
    pass: 'Zoo zebra',
    fail: 'zoo',
    looseOnly: { response: 'zz\nz', args: { letter: 'z', let_frequency: 2, let_relation: 'less than' } },
  },
  {
    id: 'language:response_language',
    args: { language: 'de' },
    pass: 'Das ist ein Haus und die Katze ist nicht hier.',
    fail: 'This is a house and the cat is not here.',
    looseOnly: {
      response: 'This is the house and the cat and the dog.\nDas ist gut und die Katze ist hier.',
    },
  },
  {
    id: 'length_constraints:number_sentences',
    args: { num_sentences: 2, relation: 'less than' },
    pass: 'Only one sentence here, Dr. Smith.',
    fail: 'One. Two. Three.',
    looseOnly: { response: 'Title line. Another one.\nOne sentence.' },
  },
  {
    id: 'length_constraints:number_paragraphs',
    args: { num_paragraphs: 2 },
    pass: 'First.\n***\nSecond.',
    fail: 'First.\n***\n\n***\nSecond.',
    looseOnly: { response: 'First.\n***\nSecond.\n***\nThird.' },
  },
  {
    id: 'length_constraints:number_words',
    args: { num_words: 3, relation: 'at least' },
    pass: 'one two three',
    fail: 'one two',
    looseOnly: { response: 'one two three\nfour', args: { num_words: 3, relation: 'less than' } },
  },
  {
    id: 'length_constraints:nth_paragraph_first_word',
    args: { num_paragraphs: 2, nth_paragraph: 2, first_word: 'then' },
    pass: 'First paragraph.\n\n"Then, the second.',
    fail: 'First paragraph.\n\nAnd the second.',
    looseOnly: { response: 'First.\n\nThen second.\n\nHope this helps' },
  },
  {
    id: 'detectable_content:number_placeholders',
    args: { num_placeholders: 2 },
    pass: 'Dear [name], at [address].',
    fail: 'Dear [name], at address.',
  },
  {
    id: 'detectable_content:postscript',
    args: { postscript_marker: 'P.S.' },
    pass: 'Hello.\n\np.s. see you',
    fail: 'Hello. PS see you',
    looseOnly: { response: 'Hello.\n*P*.S. see you' },
  },
  {
    id: 'detectable_format:number_bullet_lists',
    args: { num_bullets: 2 },
    pass: 'List:\n* one\n- two',
    fail: '* one\n**bold** line',
    looseOnly: { response: 'List:\n* one\n* two\n- end' },
  },
  {
    id: 'detectable_format:constrained_response',
    pass: 'My answer is maybe.',
    fail: 'Maybe.',
    looseOnly: { response: 'My answer is *yes*.' },
  },
  {
    id: 'detectable_format:number_highlighted_sections',
    args: { num_highlights: 2 },
    pass: '*first* and **second**',
    fail: '*first* and * * and **',
  },
  {
    id: 'detectable_format:multiple_sections',
    args: { section_spliter: 'Section', num_sections: 2 },
    pass: 'Section 1\nalpha\nSection 2\nbeta',
    fail: 'Section 1\nalpha and a second section',
    looseOnly: { response: '**Section** 1 alpha\n**Section** 2 beta' },
  },
  {
    id: 'detectable_format:json_format',
    pass: '```json\n{"a": 1}\n```',
    fail: '{a: 1}',
    looseOnly: { response: 'Here is the JSON:\n{"a": 1}' },
  },
  { id: 'detectable_format:title', pass: '<<My Poem>>\nRoses.', fail: '<< >>\nMy Poem' },
  {
    id: 'combination:two_responses',
    pass: 'Answer A\n******\nAnswer B',
    fail: 'Answer A\n******\nAnswer A',
    looseOnly: { response: 'Intro\n******\nAnswer A\n******\nAnswer B' },
  },
  {
    id: 'combination:repeat_prompt',
    args: { prompt_to_repeat: 'Say hi to Bob.' },
    pass: 'say hi to bob.\nHi Bob!',
    fail: 'Hi Bob! Say hi to Bob.',
    looseOnly: { response: 'Sure:\nSay hi to Bob.\nHi Bob!' },
  },
  {
    id: 'startend:end_checker',
    args: { end_phrase: 'Any other questions?' },
    pass: 'Done. "any other questions?"',
    fail: 'Any other questions? Done.',
    looseOnly: { response: 'Done. Any other questions?\n(end)' },
  },
  {
    id: 'change_case:capital_word_frequency',
    args: { capital_frequency: 2, capital_relation: 'at least' },
    pass: 'THE BIG dog',
    fail: 'The BIG dog',
    looseOnly: {
      response: 'NOTE WELL\nthe BIG dog',
      args: { capital_frequency: 2, capital_relation: 'less than' },
    },
  },
  {
    id: 'change_case:english_capital',
    pass: 'THIS IS THE ANSWER AND IT IS GOOD.',
    // langdetect reads short all-capital German such as 'DAS IST DIE ANTWORT UND ES IST NICHT GUT.' as English (it
    // skips n-grams inside capitalised words), so the failing German text needs letters only German uses.
    fail: 'SÄMTLICHE TÜREN MÜSSEN GESCHLOSSEN BLEIBEN, WEIL ES DRAUSSEN SEHR KALT IST.',
    looseOnly: { response: 'Sure, here it is:\nTHIS IS THE ANSWER AND IT IS GOOD.' },
  },
  {
    id: 'change_case:english_lowercase',
    pass: 'this is the answer and it is good.',
    fail: 'This is the answer and it is good.',
    looseOnly: { response: 'Sure:\nthis is the answer and it is good.' },
  },
  {
    id: 'punctuation:no_comma',
    pass: 'No commas here.',
    fail: 'A, B.',
    looseOnly: { response: 'Sure, here:\nNo commas here.' },
  },
  {
    id: 'startend:quotation',
    pass: '  "Quoted answer."\n',
    fail: '"Unclosed answer.',
    looseOnly: { response: 'Here:\n"Quoted answer."' },
  },
];

const check = (id: string, response: string, mode: 'strict' | 'loose', args: InstructionArguments = {}) =>
  checkInstructions({ response, instructions: [{ id, args }], mode })[0];

describe('IFEval instruction checks', () => {
  it('has a case for every instruction type', () => {
    expect(cases.map((entry) => entry.id).sort()).toEqual(Object.keys(instructionChecks).sort());
  });

  for (const entry of cases) {
    it(`${entry.id}: passes and fails in strict and loose mode`, () => {
      const results = {
        passStrict: check(entry.id, entry.pass, 'strict', entry.args),
        passLoose: check(entry.id, entry.pass, 'loose', entry.args),
        failStrict: check(entry.id, entry.fail, 'strict', entry.args),
        failLoose: check(entry.id, entry.fail, 'loose', entry.args),
        ...(entry.looseOnly
          ? {
              looseOnlyStrict: check(
                entry.id,
                entry.looseOnly.response,
                'strict',
                entry.looseOnly.args ?? entry.args,
              ),
              looseOnlyLoose: check(
                entry.id,
                entry.looseOnly.response,
                'loose',
                entry.looseOnly.args ?? entry.args,
              ),
            }
          : {}),
      };
      expect(results).toEqual({
        passStrict: true,
        passLoose: true,
        failStrict: false,
        failLoose: false,
        ...(entry.looseOnly ? { looseOnlyStrict: false, looseOnlyLoose: true } : {}),
      });
    });
  }

  it('counts the sentences of all-lower-case answers (at least 20 of 22; fewer than 3 fails on 5)', () => {
    const counts =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
        ' ',
      );
    const twentyTwo = [...counts, 'many', 'none']
      .map((count) => `by the river we counted ${count} herons.`)
      .join(' ');
    const five = 'i went to the store. it was closed. so i went home. then i made tea. the end.';
    expect([
      check('length_constraints:number_sentences', twentyTwo, 'strict', {
        num_sentences: 20,
        relation: 'at least',
      }),
      check('length_constraints:number_sentences', five, 'strict', {
        num_sentences: 3,
        relation: 'less than',
      }),
      check('length_constraints:number_sentences', five, 'loose', {
        num_sentences: 3,
        relation: 'less than',
      }),
    ]).toEqual([true, false, false]);
  });

  it('judges the language of Portuguese with circumflexes, short capitals and short Marathi as the reference does', () => {
    const portuguese =
      'Adão e Eva são os primeiros seres humanos da história bíblica. Você também encontrará essa história em ' +
      'três tradições: o judaísmo, o cristianismo e o islamismo. Vovô contava que Deus pôs os dois no Éden.';
    expect([
      check('language:response_language', `"${portuguese}"`, 'strict', { language: 'pt' }),
      check(
        'change_case:english_capital',
        'WRITE A SONG ABOUT A CORGI NAMED CHESTER WHO LOVES TO PLAY FETCH.',
        'strict',
      ),
      check('language:response_language', 'मला तुझी खूप आठवण येते.', 'strict', { language: 'mr' }),
      check('language:response_language', 'मला तुझी खूप आठवण येते.', 'strict', { language: 'hi' }),
    ]).toEqual([true, true, true, false]);
  });

  it('counts an empty response as not following anything', () => {
    expect(check('punctuation:no_comma', '  \n', 'strict')).toBe(false);
    expect(check('punctuation:no_comma', '  \n', 'loose')).toBe(false);
  });

  it('strips the loose variants without a first or last line, as evaluation_lib.py does', () => {
    // python3: r = 'Title\n  b1\nb2  \n end '.split('\n')
    //   ['\n'.join(r[1:]).strip(), '\n'.join(r[:-1]).strip(), '\n'.join(r[1:-1]).strip()]
    //   -> ['b1\nb2  \n end', 'Title\n  b1\nb2', 'b1\nb2']
    expect(looseVariants('Title\n  b1\nb2  \n end ').slice(2, 5)).toEqual([
      'b1\nb2  \n end',
      'Title\n  b1\nb2',
      'b1\nb2',
    ]);
  });

  it('refuses an instruction id it does not know', () => {
    expect(() => check('keywords:unknown_kind', 'Any answer.', 'strict')).toThrow(
      new Error("unknown IFEval instruction 'keywords:unknown_kind'"),
    );
  });

  it('builds the reference loose variants in order', () => {
    expect(looseVariants('a*\nb\nc*')).toEqual([
      'a*\nb\nc*',
      'a\nb\nc',
      'b\nc*',
      'a*\nb',
      'b',
      'b\nc',
      'a\nb',
      'b',
    ]);
  });
});
