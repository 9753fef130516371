import { describe, expect, it } from 'vitest';
import { mtbenchItemScore, mtbenchSingle } from '../benchmarks/mtbench/index.ts';
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
