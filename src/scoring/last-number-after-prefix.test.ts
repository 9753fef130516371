import { describe, expect, it } from 'vitest';
import { lastNumberAfterPrefix, simpleEvalsNumberMatches } from './last-number-after-prefix.ts';

// Expectations worked out from openai/simple-evals mgsm_eval.py:83-104 (commit ee3b031): parse_answer takes the
// text after the LAST prefix, strips it, drops commas, re.findall(r"\d+\.?\d*") and returns the last match with
// a trailing "." removed ("" when there is none); score_mgsm strips trailing zeros then "." from a prediction
// containing ".", drops commas on both sides and compares the strings.
describe('lastNumberAfterPrefix (simple-evals MGSM parse_answer)', () => {
  it('takes the last number after the last prefix', () => {
    expect(lastNumberAfterPrefix('Answer: 3 apples. Answer: 12 then 18', 'Answer:')).toBe('18');
    expect(lastNumberAfterPrefix('7 before. Answer: none here, 42', 'Answer:')).toBe('42');
  });

  it('is null without the prefix or without a number after it', () => {
    expect(lastNumberAfterPrefix('The total is 18', 'Answer:')).toBeNull();
    expect(lastNumberAfterPrefix('18 is the total. Answer: unknown', 'Answer:')).toBeNull();
    expect(lastNumberAfterPrefix('', 'Answer:')).toBeNull();
  });

  it('drops commas, keeps decimals, and removes a trailing "."', () => {
    expect(lastNumberAfterPrefix('Answer: 1,234,567', 'Answer:')).toBe('1234567');
    expect(lastNumberAfterPrefix('Answer: 3.50', 'Answer:')).toBe('3.50');
    expect(lastNumberAfterPrefix('Answer: 18.', 'Answer:')).toBe('18');
    // "-5": the pattern has no sign, so the number is "5".
    expect(lastNumberAfterPrefix('Answer: -5', 'Answer:')).toBe('5');
    // "1.2.3": findall gives "1.2", then ".3" is not a match start (\d+ first) → "3".
    expect(lastNumberAfterPrefix('Answer: 1.2.3', 'Answer:')).toBe('3');
  });

  it("reads any script's decimal digits, as Python's \\d does (Bengali ১২ is a number)", () => {
    expect(lastNumberAfterPrefix('উত্তর: ১২', 'উত্তর:')).toBe('১২');
    expect(lastNumberAfterPrefix('答案：４２', '答案：')).toBe('４２');
  });
});

describe('simpleEvalsNumberMatches (simple-evals MGSM score_mgsm)', () => {
  it('strips trailing zeros and the "." only when the prediction has a "."', () => {
    expect(simpleEvalsNumberMatches({ target: '18', prediction: '18.00' })).toBe(true);
    expect(simpleEvalsNumberMatches({ target: '18', prediction: '18.' })).toBe(true);
    expect(simpleEvalsNumberMatches({ target: '1.5', prediction: '1.50' })).toBe(true);
    // No ".": trailing zeros are the number's own digits.
    expect(simpleEvalsNumberMatches({ target: '18', prediction: '180' })).toBe(false);
    expect(simpleEvalsNumberMatches({ target: '100', prediction: '100' })).toBe(true);
    // "100.0" → rstrip("0") "100." → rstrip(".") "100"; "10.0" is "10", not "1".
    expect(simpleEvalsNumberMatches({ target: '100', prediction: '100.0' })).toBe(true);
    expect(simpleEvalsNumberMatches({ target: '1', prediction: '10.0' })).toBe(false);
    expect(simpleEvalsNumberMatches({ target: '10', prediction: '10.0' })).toBe(true);
  });

  it('ignores commas on both sides and compares exactly otherwise', () => {
    expect(simpleEvalsNumberMatches({ target: '1,000', prediction: '1000' })).toBe(true);
    expect(simpleEvalsNumberMatches({ target: '1000', prediction: '1,000.00' })).toBe(true);
    expect(simpleEvalsNumberMatches({ target: '18', prediction: '17' })).toBe(false);
    expect(simpleEvalsNumberMatches({ target: '0.5', prediction: '.5' })).toBe(false);
  });
});
