import { describe, expect, it } from 'vitest';
import { extractors, type ExtractContext } from './extractors.ts';
import { matchers } from './matchers.ts';
import { isMultipleChoiceData, multipleChoiceVariables } from './multiple-choice-variables.ts';

const context: ExtractContext = {
  prefillApplied: false,
  variables: {},
  assistantPrefix: undefined,
  where: 'def.yaml item 3',
};

function extractor(name: string, options: Record<string, unknown> = {}) {
  const entry = extractors[name];
  if (!entry) throw new Error(`no extractor ${name}`);
  return entry.create(entry.options.parse(options));
}

function matcher(name: string, options: Record<string, unknown> = {}) {
  const entry = matchers[name];
  if (!entry) throw new Error(`no matcher ${name}`);
  return entry.create(entry.options.parse(options));
}

describe('definition extractors', () => {
  it('multiple-choice-letter-multilingual is simple-evals MMLU extraction: the letter on the marker line only', () => {
    // simple-evals common.py:28-29 MULTILINGUAL_ANSWER_PATTERN_TEMPLATE "(?i){}[ \t]*([A-D]|…)" (mmlu_eval.py:106-112).
    const extract = extractor('multiple-choice-letter-multilingual');
    expect(extract('Reasoning.\nAnswer: C', context)).toBe('C');
    expect(extract('Answer:\nB', context)).toBeNull();
    expect(extract('**Answer:** D', context)).toBe('D');
    expect(extract('答案：Ｂ', context)).toBe('B');
  });

  it('after-prefix without a prefix or an assistant prefix names where it is', () => {
    const extract = extractor('after-prefix');
    expect(() => extract('The answer is 4', context)).toThrow(
      /^def\.yaml item 3: after-prefix needs a prefix$/,
    );
    expect(extract('The answer is 4', { ...context, assistantPrefix: 'The answer is' })).toBe('4');
  });

  it('regex: flags apply (i), and without flags the match is case-sensitive', () => {
    expect(extractor('regex', { pattern: 'answer: (\\w)', flags: 'i' })('ANSWER: b', context)).toBe('b');
    expect(extractor('regex', { pattern: 'answer: (\\w)' })('ANSWER: b', context)).toBeNull();
    expect(extractor('regex', { pattern: '(\\d)-(\\d)', group: 2 })('3-4', context)).toBe('4');
  });
});

describe('definition matchers: lm-eval exact_match options', () => {
  it('compares exactly by default: punctuation, digits and case count', () => {
    const exact = matcher('exact');
    expect(exact('B', 'B')).toBe(true);
    expect(exact('B.', 'B')).toBe(false);
    expect(exact('B1', 'B')).toBe(false);
    expect(exact('b', 'B')).toBe(false);
  });

  it('ignore_punctuation, ignore_numbers and regexes_to_ignore each remove what they name', () => {
    expect(matcher('exact', { ignore_punctuation: true })('B.', 'B')).toBe(true);
    expect(matcher('exact', { ignore_punctuation: true })('B1', 'B')).toBe(false);
    expect(matcher('exact', { ignore_numbers: true })('B1', 'B')).toBe(true);
    expect(matcher('exact', { ignore_numbers: true })('B.', 'B')).toBe(false);
    expect(matcher('exact', { regexes_to_ignore: ['^The answer is '] })('The answer is B', 'B')).toBe(true);
    expect(matcher('exact', { regexes_to_ignore: ['^The answer is '] })('Answer: B', 'B')).toBe(false);
  });
});

describe('multiple-choice variables', () => {
  it('recognises the multiple-choice shape only', () => {
    expect(isMultipleChoiceData({ question: 'q', choices: ['a'], answer: 0 })).toBe(true);
    expect(isMultipleChoiceData({ question: 'q', choices: ['a'], answer: 'A' })).toBe(true);
    expect(isMultipleChoiceData(null)).toBe(false);
    expect(isMultipleChoiceData('question')).toBe(false);
    expect(isMultipleChoiceData({ question: 1, choices: ['a'], answer: 0 })).toBe(false);
    expect(isMultipleChoiceData({ question: 'q', choices: 'a', answer: 0 })).toBe(false);
    expect(isMultipleChoiceData({ question: 'q', choices: ['a'], answer: true })).toBe(false);
  });

  it('gives the gold letter and text from an index or a letter', () => {
    const byIndex = multipleChoiceVariables({ question: 'q', choices: ['red', 'green', 'blue'], answer: 2 });
    expect(byIndex).toMatchObject({
      answer: 'C',
      answer_text: 'blue',
      letters: 'ABC',
      choice_list: 'A) red\nB) green\nC) blue',
      choice_a: 'red',
      choice_b: 'green',
      choice_c: 'blue',
    });
    expect(byIndex).not.toHaveProperty('choice_d');
    const byLetter = multipleChoiceVariables({
      question: 'q',
      choices: [
        { letter: 'W', text: 'one' },
        { letter: 'X', text: 'two' },
      ],
      answer: 'X',
    });
    expect(byLetter).toMatchObject({
      answer: 'X',
      answer_text: 'two',
      letters: 'WX',
      choice_w: 'one',
      choice_x: 'two',
    });
    // An index past the choices is kept as written; a letter no choice has gives no text.
    expect(multipleChoiceVariables({ question: 'q', choices: ['a'], answer: 5 })).toMatchObject({
      answer: '5',
      answer_text: '',
    });
    expect(multipleChoiceVariables({ question: 'q', choices: ['a'], answer: 'Z' }).answer_text).toBe('');
  });

  it('slots pads choice_a… with empty texts up to the number of slots, and not past it', () => {
    const padded = multipleChoiceVariables({ question: 'q', choices: ['x', 'y'], answer: 0 }, { slots: 4 });
    expect(padded).toMatchObject({ choice_a: 'x', choice_b: 'y', choice_c: '', choice_d: '' });
    expect(padded).not.toHaveProperty('choice_e');
  });
});
