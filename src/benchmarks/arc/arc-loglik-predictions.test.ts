import { describe, expect, it } from 'vitest';
import type { ArcData } from './arc-data.ts';
import { arcLoglikPredictions } from './arc-loglik-0shot.ts';

const data: ArcData = {
  question: 'Q?',
  choices: [
    { letter: 'A', text: 'ab' },
    { letter: 'B', text: 'abcd' },
    { letter: 'C', text: 'abcdefgh' },
  ],
  answer: 'C',
};

describe('arcLoglikPredictions (lm-eval acc and acc_norm)', () => {
  it('acc is the argmax log-likelihood, acc_norm the argmax per character of the choice', () => {
    // Raw: A (-2) wins. Per character: -2/2 = -1, -3/4 = -0.75, -4/8 = -0.5 → C.
    expect(arcLoglikPredictions(data, [-2, -3, -4])).toEqual({ predicted: 0, predictedNorm: 2 });
    // Raw: B (-1) wins. Per character: -3/2 = -1.5, -1/4 = -0.25, -6/8 = -0.75 → B.
    expect(arcLoglikPredictions(data, [-3, -1, -6])).toEqual({ predicted: 1, predictedNorm: 1 });
  });
});
