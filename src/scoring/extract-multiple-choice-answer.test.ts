import { describe, expect, it } from 'vitest';
import {
  extractMultipleChoiceAnswer,
  normalizeExtractedAnswer,
  normalizeResponse,
} from './extract-multiple-choice-answer.ts';

describe('extractMultipleChoiceAnswer (simple-evals)', () => {
  it('reads the letter after "Answer:"', () => {
    expect(extractMultipleChoiceAnswer('Reasoning...\n\nAnswer: C')).toBe('C');
    expect(extractMultipleChoiceAnswer('ANSWER:B')).toBe('B');
    expect(extractMultipleChoiceAnswer('Answer :\tD')).toBe('D');
  });

  it('sees through Markdown bold and LaTeX wrappers', () => {
    expect(extractMultipleChoiceAnswer('**Answer: B**')).toBe('B');
    expect(extractMultipleChoiceAnswer('Answer: $\\boxed{A}$')).toBe('A');
    expect(extractMultipleChoiceAnswer('Answer: $\\text{D}$')).toBe('D');
  });

  it('takes the FIRST match, as upstream (simple-evals #33 discusses taking the last)', () => {
    expect(extractMultipleChoiceAnswer('Answer: A looks tempting, but no.\nAnswer: C')).toBe('A');
  });

  it('returns lower-case letters as found (they then do not equal the gold letter)', () => {
    expect(extractMultipleChoiceAnswer('answer: because it is')).toBe('b');
  });

  it('falls back to other languages in upstream order', () => {
    expect(extractMultipleChoiceAnswer('Antwort: B')).toBe('B');
    expect(extractMultipleChoiceAnswer('答案：Ｃ')).toBe('C');
    expect(extractMultipleChoiceAnswer('الإجابة: ب')).toBe('B');
  });

  it('returns null when no marker is followed by a letter', () => {
    expect(extractMultipleChoiceAnswer('The best answer is B.')).toBeNull();
    expect(extractMultipleChoiceAnswer('')).toBeNull();
  });

  it("reads a letter only on the marker's own line, as upstream's `[ \\t]*` does", () => {
    // simple-evals: re.search(r"(?i)Answer\s*:[ \t]*([A-D]|…)", text) finds nothing in "Answer:\nB".
    expect(extractMultipleChoiceAnswer('Answer:\nB')).toBeNull();
    expect(extractMultipleChoiceAnswer('Answer: \r\nC')).toBeNull();
    expect(extractMultipleChoiceAnswer('Answer:\n\nD is wrong.\nAnswer: A')).toBe('A');
    expect(extractMultipleChoiceAnswer('Antwort:\u000bB')).toBeNull();
  });
});

describe('normalizers', () => {
  it('normalizeResponse removes the listed markup only', () => {
    expect(normalizeResponse('**x** $5$ \\(y\\) {z}')).toBe('x 5 y\\) z}');
  });

  it('normalizeExtractedAnswer maps letters and trims', () => {
    expect(normalizeExtractedAnswer('অ')).toBe('A');
    expect(normalizeExtractedAnswer(' D ')).toBe('D');
  });
});
