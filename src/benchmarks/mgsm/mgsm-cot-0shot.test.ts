import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { mgsmAnswerMatches, mgsmCot0shot, mgsmCot0shotGreedy, parseMgsmAnswer } from './mgsm-cot-0shot.ts';
import type { MgsmData } from './mgsm-data.ts';

const german: Item<MgsmData> = {
  id: 'de/0',
  group: 'de',
  data: { language: 'de', question: 'Wie viel ist $1 + 1$?', answer: '2,125' },
};

describe('mgsm.cot.0shot', () => {
  it('sends what simple-evals sends: its system message, the native instruction with the question, temperature 0.5', () => {
    const expected: GenerateRequest = {
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        {
          role: 'user',
          content:
            'Löse dieses Mathematikproblem. Gib die Schritte zur Begründung an, bevor du die endgültige Antwort in der letzten Zeile alleine im Format "Antwort:" gibst. Füge nichts anderes als die ganzzahlige Antwort nach "Antwort:" hinzu.\n\n' +
            'Wie viel ist $1 + 1$?',
        },
      ],
      parameters: { temperature: 0.5, maxTokens: 2048 },
    };
    expect(mgsmCot0shot.buildRequest(german)).toEqual(expected);
    const greedy = mgsmCot0shotGreedy.buildRequest(german);
    expect({ id: mgsmCot0shotGreedy.id, greedy }).toEqual({
      id: 'mgsm.cot.0shot.greedy',
      greedy: { ...expected, parameters: { temperature: 0, maxTokens: 2048 } },
    });
  });

  it('reads the last number after the last native answer prefix', () => {
    expect(mgsmCot0shot.score(german, 'Antwort: 12\nAlso...\nAntwort: 2.125 oder 2125')).toEqual({
      scores: { accuracy: 1 },
      extracted: '2125',
    });
    expect(mgsmCot0shot.score(german, 'Answer: 2125')).toEqual({ scores: { accuracy: 0 }, extracted: null });
    expect(mgsmCot0shot.score(german, 'Antwort: zweitausend')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
  });

  it('follows simple-evals on decimals, commas and non-ASCII digits', () => {
    expect(parseMgsmAnswer('答案: 18.', '答案')).toBe('18');
    expect(parseMgsmAnswer('উত্তর: ১৮', 'উত্তর')).toBe('১৮');
    expect(mgsmAnswerMatches({ target: '18', prediction: '18.00' })).toBe(true);
    expect(mgsmAnswerMatches({ target: '1,000', prediction: '1000' })).toBe(true);
    expect(mgsmAnswerMatches({ target: '18', prediction: '১৮' })).toBe(false);
    expect(mgsmAnswerMatches({ target: '18', prediction: '18.5' })).toBe(false);
  });

  // Each expectation is what simple-evals' parse_answer / score_mgsm give in Python: re.findall(r"\d+\.?\d*")
  // on the text with commas removed, the last match; then rstrip("0").rstrip(".") on predictions with a ".".
  it('parses numbers as simple-evals does: commas dropped, one digit, decimals, text after the number', () => {
    expect(parseMgsmAnswer('Answer: 1,234', 'Answer')).toBe('1234');
    expect(parseMgsmAnswer('Answer: 7', 'Answer')).toBe('7');
    expect(parseMgsmAnswer('Answer: 123.45', 'Answer')).toBe('123.45');
    expect(parseMgsmAnswer('Answer: 18 apples', 'Answer')).toBe('18');
  });

  it('compares as score_mgsm does: trailing zeros then trailing dots stripped, commas ignored', () => {
    expect(mgsmAnswerMatches({ target: '10.5', prediction: '10.50' })).toBe(true);
    expect(mgsmAnswerMatches({ target: '1.5', prediction: '1.50' })).toBe(true);
    expect(mgsmAnswerMatches({ target: '18', prediction: '18..0' })).toBe(true);
    expect(mgsmAnswerMatches({ target: '1234', prediction: '1,234' })).toBe(true);
  });
});
