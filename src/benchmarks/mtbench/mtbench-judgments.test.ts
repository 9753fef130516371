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
