import { describe, expect, it } from 'vitest';
import { pairOutcome, pairOutcomeScores } from './pair-outcome.ts';
import { pairwiseJudgeRequest } from './pairwise-judge-request.ts';
import { parsePairwiseVerdict } from './pairwise-verdict.ts';

describe('pairwise judging pieces', () => {
  it('parses [[A]], [[B]], [[C]] in FastChat order; anything else is no verdict', () => {
    expect(parsePairwiseVerdict('A is clearer. [[A]]')).toBe('first');
    expect(parsePairwiseVerdict('Verdict: [[B]]')).toBe('second');
    expect(parsePairwiseVerdict('Equally good [[C]]')).toBe('tie');
    // FastChat checks [[A]] first: a judgment naming both counts as A.
    expect(parsePairwiseVerdict('not [[B]] but [[A]]')).toBe('first');
    expect(parsePairwiseVerdict('I cannot judge this.')).toBeNull();
    expect(parsePairwiseVerdict('[A] is better')).toBeNull();
    expect(parsePairwiseVerdict('')).toBeNull();
  });

  it('maps positions back to runs: agreement wins, disagreement is an inconsistent tie, no verdict an error', () => {
    expect(pairOutcome({ ab: 'first', ba: 'second' })).toEqual({
      outcome: 'a',
      inconsistent: false,
      ab: 'a',
      ba: 'a',
    });
    expect(pairOutcome({ ab: 'second', ba: 'first' })).toEqual({
      outcome: 'b',
      inconsistent: false,
      ab: 'b',
      ba: 'b',
    });
    // Always the first position: A in one order, B in the other.
    expect(pairOutcome({ ab: 'first', ba: 'first' })).toEqual({
      outcome: 'tie',
      inconsistent: true,
      ab: 'a',
      ba: 'b',
    });
    expect(pairOutcome({ ab: 'tie', ba: 'tie' })).toEqual({
      outcome: 'tie',
      inconsistent: false,
      ab: 'tie',
      ba: 'tie',
    });
    expect(pairOutcome({ ab: 'tie', ba: 'second' })).toMatchObject({ outcome: 'tie', inconsistent: true });
    expect(pairOutcome({ ab: 'first', ba: null })).toEqual({
      outcome: 'error',
      inconsistent: false,
      ab: 'a',
      ba: null,
    });
  });

  it('scores: win_a 1 / ½ / 0, null for an error', () => {
    expect(pairOutcomeScores(pairOutcome({ ab: 'first', ba: 'second' }))).toEqual({
      win_a: 1,
      tie: 0,
      inconsistent: 0,
    });
    expect(pairOutcomeScores(pairOutcome({ ab: 'second', ba: 'first' }))).toEqual({
      win_a: 0,
      tie: 0,
      inconsistent: 0,
    });
    expect(pairOutcomeScores(pairOutcome({ ab: 'first', ba: 'first' }))).toEqual({
      win_a: 0.5,
      tie: 1,
      inconsistent: 1,
    });
    expect(pairOutcomeScores(pairOutcome({ ab: null, ba: 'tie' }))).toEqual({
      win_a: null,
      tie: null,
      inconsistent: null,
    });
  });

  it('the judge request shows the question and both answers in the order given; a rubric replaces the criteria', () => {
    const request = pairwiseJudgeRequest({ input: 'Q?', first: 'one', second: 'two', rubric: 'Be brief.' });
    expect(request.parameters).toEqual({ temperature: 0, maxTokens: 2048 });
    expect(request.messages[0]?.role).toBe('system');
    expect(request.messages[0]?.content).toContain('Judge them against this rubric:\nBe brief.');
    expect(request.messages[0]?.content).not.toContain('helpfulness, relevance');
    expect(request.messages[0]?.content).toContain('"[[A]]" if assistant A is better');
    expect(request.messages[1]).toEqual({
      role: 'user',
      content:
        "[User Question]\nQ?\n\n[The Start of Assistant A's Answer]\none\n[The End of Assistant A's Answer]\n\n" +
        "[The Start of Assistant B's Answer]\ntwo\n[The End of Assistant B's Answer]",
    });
    expect(pairwiseJudgeRequest({ input: 'Q?', first: 'a', second: 'b' }).messages[0]?.content).toContain(
      'helpfulness, relevance, accuracy, depth, creativity, and level of detail',
    );
  });
});
