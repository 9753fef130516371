import { describe, expect, it } from 'vitest';
import { checkInstructions } from './check-instructions.ts';
import { instructionChecks, type InstructionArguments } from './instruction-checkers.ts';

/**
 * Edge cases of each checker with the verdict of upstream's own code: `check_following` of
 * lm-evaluation-harness `lm_eval/tasks/ifeval/instructions.py` (commit 4e7e0d47f33b, the same checks as
 * google-research `instruction_following_eval/instructions.py`), each instruction built with
 * `build_description(**args)`, run by python3 with Debian's nltk 3.8 and langdetect (`DetectorFactory.seed = 0`),
 * and `instructions_util.count_words` / `count_sentences` / `nltk.word_tokenize` on the English Punkt model of
 * `data/punkt-english`:
 *
 *     for iid, kwargs, response in cases:
 *         instruction = instructions_registry.INSTRUCTION_DICT[iid](iid)
 *         instruction.build_description(**kwargs)
 *         print(bool(response.strip() and instruction.check_following(response)))
 *
 * The booleans below are that script's output, pasted.
 */
const upstreamVerdicts: ReadonlyArray<readonly [string, InstructionArguments, string, boolean]> = [
  ['keywords:existence', { keywords: ['{draft}'] }, 'see {draft} here', true],
  ['keywords:existence', { keywords: ['{draft}'] }, 'see draft here', false],
  ['keywords:frequency', { keyword: 'cat', frequency: 1, relation: 'less than' }, 'no dogs here', true],
  ['keywords:frequency', { keyword: ' cat ', frequency: 2, relation: 'at least' }, 'cat, cat', true],
  ['keywords:forbidden_words', { forbidden_words: ['bad', 'ugly'] }, 'only bad here', false],
  ['keywords:letter_frequency', { letter: 'Z', let_frequency: 2, let_relation: 'at least' }, 'zig zag', true],
  ['language:response_language', { language: 'de' }, '12345 67890', true],
  ['length_constraints:number_paragraphs', { num_paragraphs: 2 }, 'A***B', true],
  ['length_constraints:number_paragraphs', { num_paragraphs: 3 }, 'A\n***\n \n***\nB', false],
  ['length_constraints:number_paragraphs', { num_paragraphs: 2 }, '***\nA\n***\nB', true],
  ['length_constraints:number_paragraphs', { num_paragraphs: 2 }, 'A\n***\nB\n***', true],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 1, first_word: 'alpha' },
    'Alpha first.\n\n\n\nBeta words.',
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 1, first_word: 'alpha' },
    'Alpha.\n\n \n\nBeta.',
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'beta' },
    'Alpha.\n\n\n\nBeta.',
    false,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'beta' },
    'Alpha.\n\n  Beta gamma.',
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'it' },
    "Alpha.\n\nIt's fine.",
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'then' },
    "Alpha.\n\n''Then we left.",
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'he' },
    'Alpha.\n\nHe"s here.',
    true,
  ],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: 'then' },
    'Alpha.\n\n""Then we left.',
    true,
  ],
  ['detectable_content:number_placeholders', { num_placeholders: 1 }, 'no brackets at all', false],
  ['detectable_content:postscript', { postscript_marker: ' P.P.S ' }, 'Hi.\nP.P.S bye', true],
  ['detectable_content:postscript', { postscript_marker: 'P.P.S' }, 'Hi.\nP. P. S. bye', true],
  ['detectable_content:postscript', { postscript_marker: 'P.P.S' }, 'P.P.S. bye', true],
  ['detectable_content:postscript', { postscript_marker: 'P.P.S' }, 'Thanks.\nP.P.S', true],
  ['detectable_content:postscript', { postscript_marker: 'P.P.S' }, 'Thanks.\nP.S. bye', false],
  ['detectable_content:postscript', { postscript_marker: 'P.S.' }, 'Hi.\nP. S. bye', true],
  ['detectable_content:postscript', { postscript_marker: 'P.S.' }, 'P.S. bye', true],
  ['detectable_content:postscript', { postscript_marker: 'P.S.' }, 'Hi.\nPS. bye', false],
  ['detectable_content:postscript', { postscript_marker: 'Note:' }, 'Hi.\nNote: bye\nMore.', true],
  ['detectable_content:postscript', { postscript_marker: 'Note:' }, 'Hi. No notes.', false],
  ['detectable_format:number_bullet_lists', { num_bullets: 1 }, '* one\nwell-known fact', true],
  ['detectable_format:number_bullet_lists', { num_bullets: 2 }, '* one\n  - two\n**bold**', true],
  ['detectable_format:number_highlighted_sections', { num_highlights: 1 }, 'plain text', false],
  ['detectable_format:number_highlighted_sections', { num_highlights: 1 }, '** **', false],
  [
    'detectable_format:multiple_sections',
    { section_spliter: ' Section ', num_sections: 2 },
    'Section 1 a\nSection 2 b',
    true,
  ],
  ['detectable_format:multiple_sections', { section_spliter: '😀{2}', num_sections: 1 }, '😀😀 1 text', true],
  ['detectable_format:json_format', {}, '  ```json\n{"a": 1}\n```', true],
  ['detectable_format:json_format', {}, '```Json\n{"a": 1}\n```', true],
  ['detectable_format:json_format', {}, '```JSON\n{"a": 1}\n```', true],
  ['detectable_format:json_format', {}, '```\n{"a": 1}\n```', true],
  ['detectable_format:json_format', {}, '```json\n{"a": 1}\u00a0\n```', true],
  ['detectable_format:json_format', {}, '```json\n{"a": 1,}\n```', false],
  ['combination:two_responses', {}, 'A\n******\nB\n******\n', true],
  ['combination:two_responses', {}, 'A******   ******B', false],
  ['combination:two_responses', {}, '******A******B', true],
  ['combination:two_responses', {}, 'A******B******', true],
  ['combination:repeat_prompt', { prompt_to_repeat: 'Say hi to Bob.' }, '  Say hi to Bob. Hi!', true],
  ['combination:repeat_prompt', { prompt_to_repeat: ' Say hi to Bob. ' }, 'Say hi to Bob. Hi!', true],
  ['startend:end_checker', { end_phrase: 'Bye.' }, 'Done. Bye.\n', true],
  ['startend:end_checker', { end_phrase: 'say "hi" now' }, 'I say "hi" now', true],
  ['startend:end_checker', { end_phrase: '"bye' }, '""bye', false],
  ['startend:end_checker', { end_phrase: 'bye' }, 'Bye""', true],
  ['startend:end_checker', { end_phrase: ' Bye. ' }, 'Ok. Bye.', true],
  ['change_case:english_lowercase', {}, 'das ist ein haus und die katze ist nicht hier.', false],
  ['change_case:english_lowercase', {}, 'http://example.com', true],
  ['change_case:english_capital', {}, 'ME@EXAMPLE.COM', true],
  ['startend:quotation', {}, '"', false],
  ['detectable_format:number_bullet_lists', { num_bullets: 2 }, '*x\n-', true],
  ['detectable_format:number_bullet_lists', { num_bullets: 1 }, '*\n* two', true],
  ['detectable_format:number_highlighted_sections', { num_highlights: 2 }, '*a* and **b** and * *', true],
  ['detectable_format:number_highlighted_sections', { num_highlights: 3 }, '*a* and **b** and * *', false],
  [
    'length_constraints:nth_paragraph_first_word',
    { num_paragraphs: 2, nth_paragraph: 2, first_word: '' },
    'Alpha.\n\n\n\nBeta.',
    false,
  ],
];

describe('IFEval checkers on edge cases, against upstream instructions.py', () => {
  for (const [id, args, response, upstream] of upstreamVerdicts) {
    it(`${id} ${JSON.stringify(args)} on ${JSON.stringify(response)} is ${upstream}`, () => {
      const check = instructionChecks[id];
      expect(check?.(response, args)).toBe(upstream);
      expect(checkInstructions({ response, instructions: [{ id, args }], mode: 'strict' })).toEqual([
        upstream,
      ]);
    });
  }
});

describe('IFEval paragraph numbers past the non-empty paragraphs', () => {
  // build_description redraws an nth_paragraph above num_paragraphs at random; upstream's check_following itself, with
  // `instruction._nth_paragraph = 3` set after build_description(num_paragraphs=2, nth_paragraph=2,
  // first_word='beta'), returns False on this text (two non-empty paragraphs).
  it('fails when the nth paragraph is not among the non-empty ones', () => {
    expect(
      instructionChecks['length_constraints:nth_paragraph_first_word']?.('Alpha.\n\n\n\nBeta.', {
        num_paragraphs: 2,
        nth_paragraph: 3,
        first_word: 'beta',
      }),
    ).toBe(false);
  });
});

describe("IFEval checkers' reading of arguments missing from kwargs (parity's rule: upstream draws random ones)", () => {
  it('reads a missing text as empty, a missing list as no entries', () => {
    expect([
      instructionChecks['startend:end_checker']?.('Any answer at all.', {}),
      instructionChecks['keywords:existence']?.('Any answer at all.', {}),
      instructionChecks['keywords:forbidden_words']?.('Any answer at all.', { forbidden_words: 'answer' }),
    ]).toEqual([true, true, true]);
  });
});
