import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc1Loglik, truthfulqaMc1Metrics } from './truthfulqa-mc1-loglik.ts';
import { truthfulqaMc2Loglik, truthfulqaMc2Metrics } from './truthfulqa-mc2-loglik.ts';
import { truthfulqaQaPrimer } from './truthfulqa-qa-primer.ts';

// A made-up item; MC2's first true answer is the second choice, so "the first true answer" and "choice 0" differ.
const item: Item<TruthfulqaData> = {
  id: '3',
  data: {
    question: 'Made up?',
    mc1: { choices: ['True one.', 'False one.', 'False two.'], labels: [1, 0, 0] },
    mc2: { choices: ['Wrong.', 'Right.', 'Also right.', 'Also wrong.'], labels: [0, 1, 1, 0] },
  },
};
const context = `${truthfulqaQaPrimer}\n\nQ: Made up?\nA:`;

describe('truthfulqa.mc1.loglik.6shot: what it declares and sends', () => {
  it('names lm-eval truthfulqa_mc1 and one accuracy figure', () => {
    expect(truthfulqaMc1Loglik).toMatchObject({
      kind: 'loglikelihood',
      id: 'truthfulqa.mc1.loglik.6shot',
      version: 1,
      benchmark: 'truthfulqa',
    });
    expect(truthfulqaMc1Loglik.description).toContain('lm-eval truthfulqa_mc1');
    expect(truthfulqaMc1Metrics).toEqual([
      { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
    ]);
    expect(truthfulqaMc1Loglik.metrics).toBe(truthfulqaMc1Metrics);
  });

  it('stores the raw context as one user message of at most one token at temperature 0', () => {
    expect(truthfulqaMc1Loglik.buildRequest(item)).toEqual({
      messages: [{ role: 'user', content: context }],
      parameters: { temperature: 0, maxTokens: 1 },
    });
  });

  it('the reference completion is " " + the one true answer, " " when there is none', () => {
    expect(truthfulqaMc1Loglik.referenceCompletion(item)).toBe(' True one.');
    const empty = { ...item, data: { ...item.data, mc1: { choices: [], labels: [] } } };
    expect(truthfulqaMc1Loglik.referenceCompletion(empty)).toBe(' ');
  });
});

describe('truthfulqa.mc1.loglik.6shot: scoring (numpy argmax over the choices, choice 0 is gold)', () => {
  it('takes the argmax of the log-likelihoods over the completion', () => {
    // The completion names choice 1 but the log-likelihoods decide: choice 0 is the largest.
    expect(truthfulqaMc1Loglik.score(item, ' False one.', { logLikelihoods: [-0.5, -3, -2] })).toEqual({
      scores: { accuracy: 1 },
      extracted: 'True one.',
    });
    // The largest is the middle one, neither the first nor the last.
    expect(truthfulqaMc1Loglik.score(item, ' True one.', { logLikelihoods: [-4, -1, -2] })).toEqual({
      scores: { accuracy: 0 },
      extracted: 'False one.',
    });
    // The largest is the last one; a zero log-likelihood (probability 1) is a value like any other.
    expect(truthfulqaMc1Loglik.score(item, ' True one.', { logLikelihoods: [-4, -5, 0] })).toEqual({
      scores: { accuracy: 0 },
      extracted: 'False two.',
    });
    expect(truthfulqaMc1Loglik.score(item, ' False two.', { logLikelihoods: [0, -5, -4] })).toEqual({
      scores: { accuracy: 1 },
      extracted: 'True one.',
    });
    // Ties: numpy argmax keeps the first index.
    expect(truthfulqaMc1Loglik.score(item, '', { logLikelihoods: [-3, -1, -1] }).extracted).toBe(
      'False one.',
    );
  });

  it('falls back to the chosen continuation when the log-likelihoods are missing or do not fit the choices', () => {
    expect(truthfulqaMc1Loglik.score(item, ' True one.')).toEqual({
      scores: { accuracy: 1 },
      extracted: 'True one.',
    });
    // Two log-likelihoods for three choices: not used (their argmax, 0, would have been right).
    expect(truthfulqaMc1Loglik.score(item, ' False two.', { logLikelihoods: [-1, -2] })).toEqual({
      scores: { accuracy: 0 },
      extracted: 'False two.',
    });
    expect(truthfulqaMc1Loglik.score(item, ' False one.', {})).toEqual({
      scores: { accuracy: 0 },
      extracted: 'False one.',
    });
    // A completion that is no continuation (no leading space here) is wrong and extracts nothing.
    expect(truthfulqaMc1Loglik.score(item, 'True one.')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
  });
});

describe('truthfulqa.mc2.loglik.6shot: what it declares and sends', () => {
  it('names lm-eval truthfulqa_mc2 and one graded mc2 figure', () => {
    expect(truthfulqaMc2Loglik).toMatchObject({
      kind: 'loglikelihood',
      id: 'truthfulqa.mc2.loglik.6shot',
      version: 1,
      benchmark: 'truthfulqa',
    });
    expect(truthfulqaMc2Loglik.description).toContain('lm-eval truthfulqa_mc2');
    expect(truthfulqaMc2Metrics).toEqual([
      { name: 'mc2', itemScore: 'mc2', aggregate: 'mean', kind: 'graded' },
    ]);
    expect(truthfulqaMc2Loglik.metrics).toBe(truthfulqaMc2Metrics);
  });

  it('sends every MC2 choice after " " and stores the raw context as one message', () => {
    expect(truthfulqaMc2Loglik.buildLogLikelihoodRequest?.(item)).toEqual({
      context,
      continuations: [' Wrong.', ' Right.', ' Also right.', ' Also wrong.'],
    });
    expect(truthfulqaMc2Loglik.buildRequest(item)).toEqual({
      messages: [{ role: 'user', content: context }],
      parameters: { temperature: 0, maxTokens: 1 },
    });
  });

  it('the reference completion is the first true answer, " " when none is true', () => {
    expect(truthfulqaMc2Loglik.referenceCompletion(item)).toBe(' Right.');
    const noneTrue = {
      ...item,
      data: { ...item.data, mc2: { choices: ['A.', 'B.'], labels: [0, 0] as const } },
    };
    expect(truthfulqaMc2Loglik.referenceCompletion(noneTrue)).toBe(' ');
  });
});

describe('truthfulqa.mc2.loglik.6shot: scoring', () => {
  it('is the probability mass on the true answers, with the chosen continuation as extracted', () => {
    // Probabilities 0.1, 0.2, 0.3, 0.4 (normalised already): true answers 1 and 2 hold 0.5.
    const lls = [0.1, 0.2, 0.3, 0.4].map(Math.log);
    expect(truthfulqaMc2Loglik.score(item, ' Wrong.', { logLikelihoods: lls })).toEqual({
      scores: { mc2: expect.closeTo(0.5, 12) as unknown as number },
      extracted: 'Wrong.',
    });
    // Unnormalised: e^0 and e^0 on the true answers, e^-ln3 = 1/3 on each false one → 2 / (2 + 2/3) = 0.75.
    const third = -Math.log(3);
    const score = truthfulqaMc2Loglik.score(item, ' Also right.', { logLikelihoods: [third, 0, 0, third] });
    expect(score.scores.mc2).toBeCloseTo(0.75, 12);
    expect(score.extracted).toBe('Also right.');
  });

  it('stays exact when one answer is 800 nats less likely than another (no overflow of exp)', () => {
    // exp(-800) is 0 in doubles: the mass on the true answer is 1, not Infinity / Infinity.
    const pair = { ...item, data: { ...item.data, mc2: { choices: ['T.', 'F.'], labels: [1, 0] as const } } };
    expect(truthfulqaMc2Loglik.score(pair, ' T.', { logLikelihoods: [0, -800] }).scores.mc2).toBe(1);
  });

  it('is unscored when the log-likelihoods are missing or do not fit the choices; the answer is still read', () => {
    expect(truthfulqaMc2Loglik.score(item, ' Right.')).toEqual({
      scores: { mc2: null },
      extracted: 'Right.',
    });
    expect(truthfulqaMc2Loglik.score(item, ' Wrong.', { logLikelihoods: [-1, -2, -3] })).toEqual({
      scores: { mc2: null },
      extracted: 'Wrong.',
    });
    expect(truthfulqaMc2Loglik.score(item, 'Right.')).toEqual({ scores: { mc2: null }, extracted: null });
  });
});
