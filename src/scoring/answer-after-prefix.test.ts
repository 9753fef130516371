import { describe, expect, it } from 'vitest';
import { answerAfterPrefix } from './answer-after-prefix.ts';

// lm-eval's remove_whitespace filter is str.strip(); without prefill the reply holds the prefix itself.
describe('answerAfterPrefix', () => {
  const prefix = 'The best answer is';

  it('prefilled: the whole continuation, stripped, even when it repeats the prefix', () => {
    expect(answerAfterPrefix({ completion: '\n B. \n', prefix, prefillApplied: true })).toBe('B.');
    expect(answerAfterPrefix({ completion: ' C. The best answer is D.', prefix, prefillApplied: true })).toBe(
      'C. The best answer is D.',
    );
  });

  it('not prefilled: what follows the first prefix in any case, stripped; the whole reply without one', () => {
    expect(
      answerAfterPrefix({
        completion: 'Thinking. the BEST answer is  D. Then',
        prefix,
        prefillApplied: false,
      }),
    ).toBe('D. Then');
    expect(answerAfterPrefix({ completion: 'The best answer is A', prefix, prefillApplied: undefined })).toBe(
      'A',
    );
    expect(answerAfterPrefix({ completion: ' Probably C ', prefix, prefillApplied: false })).toBe(
      'Probably C',
    );
  });
});
