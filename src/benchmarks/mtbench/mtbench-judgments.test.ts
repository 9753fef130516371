import { describe, expect, it } from 'vitest';
import { judgedTurnScores, judgedTurns, judgmentLineSchema, mtbenchMetrics } from './mtbench-judgments.ts';

describe('FastChat judgment lines', () => {
  it("reads each turn's rating from the judgment text ([[x]]), not the stored score", () => {
    const lines = [
      { question_id: 81, model: 'm', judgment: 'Fine. Rating: [[7]]', turn: 1, score: 2 },
      { question_id: '81', model: 'm', judgment: 'no verdict', turn: 2, score: 9 },
    ].map((line) => judgmentLineSchema.parse(line));
    const judged = judgedTurns(lines);
    expect(judged).toEqual([
      { questionId: '81', model: 'm', turn: 1, rating: 7 },
      { questionId: '81', model: 'm', turn: 2, rating: null },
    ]);
    expect(judgedTurnScores(judged[0]!)).toEqual({ rating: 7, rating_turn1: 7 });
    expect(judgedTurnScores(judged[1]!)).toEqual({ rating: null, rating_turn2: null });
  });

  it('reports the mean rating over judged turns, then each turn (FastChat show_result.py)', () => {
    expect(
      mtbenchMetrics.map((metric) => [metric.name, metric.itemScore, metric.aggregate, metric.kind]),
    ).toEqual([
      ['score', 'rating', 'mean', 'graded'],
      ['score_turn1', 'rating_turn1', 'mean', 'graded'],
      ['score_turn2', 'rating_turn2', 'mean', 'graded'],
    ]);
  });
});

describe('judgmentLineSchema (FastChat model_judgment/*_single.jsonl)', () => {
  const line = { question_id: 81, model: 'm', judgment: 'Rating: [[7]]', turn: 2 };

  it('takes a whole-number or string question id, as a string, and turn 1 or 2; other fields are dropped', () => {
    expect(judgmentLineSchema.parse({ ...line, score: 7, judge: ['gpt-4', 'single-v1'] })).toEqual({
      question_id: '81',
      model: 'm',
      judgment: 'Rating: [[7]]',
      turn: 2,
    });
    expect(judgmentLineSchema.parse({ ...line, question_id: 'q-81', turn: 1 })).toMatchObject({
      question_id: 'q-81',
      turn: 1,
    });
  });

  it.each([
    ['a fractional question id', { ...line, question_id: 81.5 }],
    ['a question id of another type', { ...line, question_id: true }],
    ['turn 3', { ...line, turn: 3 }],
    ['turn 0', { ...line, turn: 0 }],
    ['turn as a string', { ...line, turn: '1' }],
    ['no model', { question_id: 81, judgment: 'x', turn: 1 }],
    ['a model that is no string', { ...line, model: 5 }],
    ['no judgment', { question_id: 81, model: 'm', turn: 1 }],
    ['a judgment that is no string', { ...line, judgment: 7 }],
  ])('rejects %s', (_, value) => {
    expect(judgmentLineSchema.safeParse(value).success).toBe(false);
  });

  it('parses the [x] fallback and decimal ratings from the text', () => {
    const lines = [
      { ...line, judgment: 'Rating: [8]', turn: 1 as const },
      { ...line, judgment: 'Rating: [[6.5]]', model: 'other' },
    ].map((value) => judgmentLineSchema.parse(value));
    expect(judgedTurns(lines)).toEqual([
      { questionId: '81', model: 'm', turn: 1, rating: 8 },
      { questionId: '81', model: 'other', turn: 2, rating: 6.5 },
    ]);
    expect(judgedTurns([])).toEqual([]);
  });
});
