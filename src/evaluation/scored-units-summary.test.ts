import { describe, expect, it } from 'vitest';
import { mtbenchItemScore, mtbenchSingle } from '../benchmarks/mtbench/index.ts';
import { expectAllClose, expectClose, statsReference } from '../../test/support/stats-reference.ts';
import { scoredUnitsSummary } from './scored-units-summary.ts';

describe('scoredUnitsSummary', () => {
  it('means over judged turns (as show_result.py), unparsed counted, judge spread over repeats', () => {
    const items = [
      {
        itemId: '81',
        group: 'writing',
        scores: mtbenchItemScore([
          [8, 9, 10],
          [6, 6, 6],
        ]).scores,
      },
      {
        itemId: '82',
        group: 'writing',
        scores: mtbenchItemScore([
          [4, 5, 6],
          [null, null, null],
        ]).scores,
      },
    ];
    const summary = scoredUnitsSummary(items, mtbenchSingle);
    const value = (name: string) => [summary.metrics[name]?.value, summary.metrics[name]?.n];
    expect({
      score: value('score'),
      turn1: value('score_turn1'),
      turn2: value('score_turn2'),
      unparsed: value('unparsed'),
      unscored: summary.unscored,
      // Per repeat, the overall score is 6, 20/3, 22/3: standard deviation 2/3.
      judgeSd: summary.metrics.judge_sd?.value.toFixed(6),
      judgeSdTurn: value('judge_sd_turn'),
      writing: summary.groups.writing?.score?.value,
    }).toEqual({
      score: [(9 + 6 + 5) / 3, 3],
      turn1: [7, 2],
      turn2: [6, 1],
      unparsed: [3, 4],
      unscored: 1,
      judgeSd: (2 / 3).toFixed(6),
      judgeSdTurn: [(1 + 0 + 1) / 3, 3],
      writing: (9 + 6 + 5) / 3,
    });
  });
});

describe('scoredUnitsSummary intervals (statsmodels OLS cov_type=cluster, scripts/stats-fixtures)', () => {
  it("clusters the two turns of a question; a single turn's metric keeps the normal interval", () => {
    const { mtbench } = statsReference.per_run;
    const byQuestion = new Map<string, { group: string; ratings: number[] }>();
    for (const turn of mtbench.turns) {
      const entry = byQuestion.get(turn.question) ?? { group: turn.group, ratings: [] };
      entry.ratings[turn.turn - 1] = turn.rating;
      byQuestion.set(turn.question, entry);
    }
    const items = [...byQuestion].map(([itemId, entry]) => ({
      itemId,
      group: entry.group,
      scores: mtbenchItemScore(entry.ratings.map((rating) => [rating])).scores,
    }));
    const summary = scoredUnitsSummary(items, mtbenchSingle);
    expect(summary.metrics.score).toMatchObject({ n: 40, method: 'clustered', clusters: 20 });
    expectClose(summary.metrics.score?.value ?? Number.NaN, mtbench.score.value, 'score');
    expectAllClose(summary.metrics.score?.ci95 ?? [], mtbench.score.ci95, 'score ci');
    expect(summary.metrics.score_turn1).toMatchObject({ n: 20, method: 'normal' });
    expectAllClose(summary.metrics.score_turn1?.ci95 ?? [], mtbench.score_turn1.ci95, 'turn 1 ci');
    for (const [group, fit] of Object.entries(mtbench.groups)) {
      expect(summary.groups[group]?.score?.method).toBe('clustered');
      expectAllClose(summary.groups[group]?.score?.ci95 ?? [], fit.ci95, group);
    }
  });
});
