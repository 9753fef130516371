import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ArcData } from './arc-data.ts';
import { arcLoglik0shot } from './arc-loglik-0shot.ts';

const item: Item<ArcData> = {
  id: 'Mercury_7175875',
  data: {
    question: 'Which is the most likely effect? ',
    choices: [
      { letter: 'A', text: 'Density will decrease.' },
      { letter: 'B', text: 'Years longer.' },
      { letter: 'C', text: 'Days will become shorter.' },
    ],
    answer: 'C',
  },
};

describe('arc.loglik.0shot (lm-eval arc_challenge)', () => {
  it('asks for " " + each choice after "Question: …\\nAnswer:", question verbatim, every choice', () => {
    expect(arcLoglik0shot.buildLogLikelihoodRequest?.(item)).toEqual({
      context: 'Question: Which is the most likely effect? \nAnswer:',
      continuations: [' Density will decrease.', ' Years longer.', ' Days will become shorter.'],
    });
  });

  it('acc takes the argmax log-likelihood, acc_norm divides each by its choice length in characters', () => {
    // Raw: B wins (-10). Per character: A -22/22 = -1, B -10/13 ≈ -0.77, C -12.5/25 = -0.5 → C.
    const scored = arcLoglik0shot.score(item, ' Years longer.', { logLikelihoods: [-22, -10, -12.5] });
    expect(scored).toEqual({ scores: { accuracy: 0, accuracy_norm: 1 }, extracted: 'B' });
    // Both right.
    expect(
      arcLoglik0shot.score(item, ' Days will become shorter.', { logLikelihoods: [-30, -20, -5] }),
    ).toEqual({
      scores: { accuracy: 1, accuracy_norm: 1 },
      extracted: 'C',
    });
    // Ties go to the first choice, as numpy's argmax.
    expect(arcLoglik0shot.score(item, '', { logLikelihoods: [-5, -5, -5] }).scores.accuracy).toBe(0);
  });

  it('counts characters as Python len() does (code points), not UTF-16 units', () => {
    const emoji: Item<ArcData> = {
      id: 'x',
      data: {
        question: 'q',
        choices: [
          { letter: 'A', text: '😀😀' },
          { letter: 'B', text: 'abc' },
        ],
        answer: 'A',
      },
    };
    // Code points: A -2.2/2 = -1.1, B -3.0/3 = -1.0 → B (wrong). UTF-16 lengths would make A -2.2/4 → A.
    expect(arcLoglik0shot.score(emoji, '', { logLikelihoods: [-2.2, -3.0] }).scores.accuracy_norm).toBe(0);
  });

  it('scores a chosen continuation without log-likelihoods as the prediction of both metrics', () => {
    expect(arcLoglik0shot.score(item, arcLoglik0shot.referenceCompletion(item))).toEqual({
      scores: { accuracy: 1, accuracy_norm: 1 },
      extracted: 'C',
    });
    expect(arcLoglik0shot.score(item, ' Years longer.').scores).toEqual({ accuracy: 0, accuracy_norm: 0 });
    expect(arcLoglik0shot.score(item, 'nothing like a choice')).toEqual({
      scores: { accuracy: 0, accuracy_norm: 0 },
      extracted: null,
    });
  });

  it('scores the first choice too, and falls back to the continuation when the log-likelihoods do not pair up', () => {
    const first = { ...item, data: { ...item.data, answer: 'A' } };
    expect(arcLoglik0shot.score(first, ' Density will decrease.')).toEqual({
      scores: { accuracy: 1, accuracy_norm: 1 },
      extracted: 'A',
    });
    // Two log-likelihoods for three choices: not a run's answer, so the continuation (choice B) is the prediction.
    expect(arcLoglik0shot.score(first, ' Years longer.', { logLikelihoods: [-1, -9] })).toEqual({
      scores: { accuracy: 0, accuracy_norm: 0 },
      extracted: 'B',
    });
  });
});
