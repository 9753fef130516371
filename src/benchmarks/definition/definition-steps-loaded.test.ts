import { describe, expect, it } from 'vitest';

// The extractor and matcher tables and the letters are built when their modules load. The first test loads them
// itself (dynamic import, nothing imported above), so the mutation run attributes that construction to a test
// that checks it (docs/decisions/0302).
const context = {
  prefillApplied: false,
  variables: { marker: 'Total:' },
  assistantPrefix: undefined,
  where: 'd.yaml',
};

describe('definition steps as their modules build them', () => {
  it('extractors, matchers and lettering: option schemas, defaults, summaries and behaviour', async () => {
    const { extractors } = await import('./extractors.ts');
    const { matchers } = await import('./matchers.ts');
    const { multipleChoiceVariables } = await import('./multiple-choice-variables.ts');
    const extractor = (name: string, options: Record<string, unknown> = {}) => {
      const entry = extractors[name];
      if (!entry) throw new Error(`no extractor ${name}`);
      return entry.create(entry.options.parse(options));
    };
    const refusal = (name: string, options: Record<string, unknown>) =>
      extractors[name]?.options.safeParse(options).error?.issues[0]?.message;

    // multiple-choice-letter: capital letters only (the whole string), default ABCD.
    expect(extractor('multiple-choice-letter')('Answer: E', context)).toBeNull();
    expect(extractor('multiple-choice-letter')('Answer: D', context)).toBe('D');
    expect(extractor('multiple-choice-letter', { letters: 'ABCDE' })('Answer: E', context)).toBe('E');
    expect(refusal('multiple-choice-letter', { letters: 'AB1' })).toBe('use capital letters, e.g. ABCDE');
    expect(refusal('multiple-choice-letter', { letters: '1AB' })).toBe('use capital letters, e.g. ABCDE');
    expect(extractor('multiple-choice-letter-multilingual')('Answer: C', context)).toBe('C');
    // after-prefix: an explicit prefix option is accepted and used.
    expect(extractor('after-prefix', { prefix: 'So:' })('So: 42', context)).toBe('42');
    expect(extractor('after-prefix', { prefix: 'So:' })('So:', context)).toBeNull();
    // last-number-after-prefix: the prefix may be a variable.
    expect(extractor('last-number-after-prefix', { prefix: '{{marker}}' })('Total: 3 then 12', context)).toBe(
      '12',
    );
    expect(refusal('last-number-after-prefix', { prefix: '' })).toBeDefined();
    // regex: a pattern longer than one character; flags only i, m, s, u (any of them, the whole string).
    expect(extractor('regex', { pattern: 'is (\\d+)' })('it is 7', context)).toBe('7');
    expect(extractor('regex', { pattern: 'IS (\\d+)', flags: 'im' })('it is 7', context)).toBe('7');
    expect(extractor('regex', { pattern: 'x', flags: '' })('x', context)).toBeNull();
    expect(refusal('regex', { pattern: '' })).toBeDefined();
    for (const flags of ['x', 'ix', 'xi', 'g']) {
      expect(refusal('regex', { pattern: 'a', flags })).toBe('flags may only be i, m, s, u');
    }
    expect(
      Object.fromEntries(Object.entries(extractors).map(([name, entry]) => [name, entry.summary])),
    ).toEqual({
      'multiple-choice-letter':
        'simple-evals ANSWER_PATTERN_MULTICHOICE: the first "Answer: X", X one of `letters` (default ABCD)',
      'multiple-choice-letter-multilingual':
        "simple-evals MMLU: markup removed, then the first of the multilingual answer markers' letter A-D",
      'after-prefix':
        'lm-eval gen_prefix + remove_whitespace: the reply after `prefix` (default: assistant_prefix), stripped',
      'last-number-after-prefix':
        'simple-evals MGSM parse_answer: the last number after the last `prefix` (may be a {{var}})',
      regex: 'the first match of `pattern`, capture group `group` (default 1)',
    });

    const matcher = (name: string, options: Record<string, unknown> = {}) => {
      const entry = matchers[name];
      if (!entry) throw new Error(`no matcher ${name}`);
      return entry.create(entry.options.parse(options));
    };
    // Without regexes_to_ignore nothing is removed.
    expect(matcher('exact')('Stryker was here B', 'B')).toBe(false);
    expect(matcher('exact')('Stryker was hereB', 'B')).toBe(false);
    expect(matcher('exact')('B', 'B')).toBe(true);
    expect(matcher('simple-evals-number')('1,000.0', '1000')).toBe(true);
    expect(
      Object.fromEntries(Object.entries(matchers).map(([name, entry]) => [name, entry.summary])),
    ).toEqual({
      exact: 'lm-eval exact_match: equal after the optional normalisations (nothing is stripped)',
      'simple-evals-number':
        'simple-evals MGSM score_mgsm: commas ignored, trailing zeros after a "." dropped ("18.00" is "18")',
    });

    // Plain choices are lettered A, B, C…
    expect(multipleChoiceVariables({ question: 'q', choices: ['x', 'y', 'z'], answer: 2 })).toMatchObject({
      answer: 'C',
      letters: 'ABC',
      choice_list: 'A) x\nB) y\nC) z',
    });
  });

  it('keeps an answer written as a digit string as written, and refuses data that is not an object', async () => {
    const { isMultipleChoiceData, multipleChoiceVariables } = await import('./multiple-choice-variables.ts');
    expect(multipleChoiceVariables({ question: 'q', choices: ['x', 'y'], answer: '1' })).toMatchObject({
      answer: '1',
      answer_text: '',
    });
    expect(isMultipleChoiceData(undefined)).toBe(false);
    expect(isMultipleChoiceData(7)).toBe(false);
  });
});
