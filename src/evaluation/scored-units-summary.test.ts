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

describe('scoredUnitsSummary worked by hand', () => {
  const none = [Number.NaN, Number.NaN];

  it('a protocol without scored units: its metrics over the items as they are, no added figures', () => {
    const { scoredUnits: _, ...plain } = mtbenchSingle;
    const summary = scoredUnitsSummary(
      [
        { itemId: '1', scores: { rating: 4, rating_turn1: 4, unparsed: 2 } },
        { itemId: '2', scores: { rating: 6, rating_turn1: 6, unparsed: 0 } },
      ],
      plain,
    );
    expect(Object.keys(summary.metrics)).toEqual(['score', 'score_turn1', 'score_turn2']);
    expect(summary.metrics.score).toMatchObject({ value: 5, n: 2, method: 'normal' });
  });

  it('counts a unit unscored only for its metric scores: an unparsed repeat of a rated turn is no unscored unit', () => {
    // Turn 1: repeats 8 and (unparsed) → 8; turn 2: 6 and 7 → 6.5.
    const summary = scoredUnitsSummary(
      [
        {
          itemId: '81',
          scores: mtbenchItemScore([
            [8, null],
            [6, 7],
          ]).scores,
        },
      ],
      mtbenchSingle,
    );
    expect(summary.unscored).toBe(0);
    expect(summary.metrics.score).toMatchObject({ value: (8 + 6.5) / 2, n: 2 });
    expect(summary.metrics.unparsed).toEqual({ value: 1, ci95: none, n: 2, method: 'count' });
    // Repeat 1: 8 and 6 → 7; repeat 2: 7 alone → 7: no spread over repeats.
    expect(summary.metrics.judge_sd).toEqual({ value: 0, ci95: none, n: 2, method: 'sd-over-repeats' });
    // Only turn 2 has two parsed ratings: sd(6, 7) = √(1/2).
    expect(summary.metrics.judge_sd_turn).toEqual({
      value: Math.sqrt(1 / 2),
      ci95: none,
      n: 1,
      method: 'mean-sd-within-turn',
    });
  });

  it('counts repeats up to the most any turn has; a repeat with no parsed rating is left out', () => {
    // Turn 1: 2, 4, 9; turn 2: 5, 5. Per repeat: (2 + 5)/2 = 3.5, (4 + 5)/2 = 4.5, 9 (turn 1 alone).
    // Mean 17/3; squared deviations (13/6)² + (7/6)² + (10/3)² = 103/6; sd = √(103/12).
    const summary = scoredUnitsSummary(
      [
        {
          itemId: '81',
          scores: mtbenchItemScore([
            [2, 4, 9],
            [5, 5],
          ]).scores,
        },
      ],
      mtbenchSingle,
    );
    expect(summary.metrics.judge_sd?.n).toBe(3);
    expect(summary.metrics.judge_sd?.value).toBeCloseTo(Math.sqrt(103 / 12), 12);
    // Within turns: sd(2, 4, 9) = √13, sd(5, 5) = 0 → mean √13 / 2.
    expect(summary.metrics.judge_sd_turn).toMatchObject({ value: Math.sqrt(13) / 2, n: 2 });

    // A second repeat that never parsed: one repeat's score only, so no standard deviation.
    const unparsedRepeat = scoredUnitsSummary(
      [{ itemId: '81', scores: mtbenchItemScore([[8, null]]).scores }],
      mtbenchSingle,
    );
    expect(unparsedRepeat.metrics.judge_sd?.n).toBe(1);
    expect(unparsedRepeat.metrics.judge_sd?.value).toBeNaN();
    expect(unparsedRepeat.metrics.judge_sd_turn?.n).toBe(0);
    expect(unparsedRepeat.metrics.judge_sd_turn?.value).toBeNaN();
  });

  it('gives judge spreads only with two repeats or more', () => {
    const oneRepeat = scoredUnitsSummary(
      [{ itemId: '81', scores: { rating_turn1: 5, unparsed_turn1: 0, rating_turn1_repeat1: 5 } }],
      mtbenchSingle,
    );
    expect(Object.keys(oneRepeat.metrics)).toEqual(['score', 'score_turn1', 'score_turn2', 'unparsed']);
    const twoRepeats = scoredUnitsSummary(
      [{ itemId: '81', scores: mtbenchItemScore([[5, 7]]).scores }],
      mtbenchSingle,
    );
    expect(twoRepeats.metrics.judge_sd_turn).toMatchObject({ value: Math.sqrt(2), n: 1 });
  });

  it("clusters units by the item's own cluster when it has one, else by item; items without group give no groups", () => {
    const turn = (itemId: string, rating: number, cluster?: string) => ({
      itemId,
      ...(cluster === undefined ? {} : { cluster }),
      scores: mtbenchItemScore([[rating]]).scores,
    });
    const shared = scoredUnitsSummary(
      [turn('a', 2, 'q1'), turn('b', 4, 'q1'), turn('c', 9, 'q2')],
      mtbenchSingle,
    );
    expect(shared.metrics.score).toMatchObject({ value: 5, n: 3, method: 'clustered', clusters: 2 });
    expect(shared.groups).toEqual({});
    const own = scoredUnitsSummary([turn('a', 2), turn('b', 4), turn('c', 9)], mtbenchSingle);
    expect(own.metrics.score).toMatchObject({ value: 5, n: 3, method: 'normal' });
  });
});

describe('scoredUnitsSummary with a ratio metric', () => {
  it("keeps a metric's denominator among the units' scores", () => {
    // A protocol whose one unit per item is the item's scores, with Σ followed / Σ given as its metric.
    const protocol = {
      ...mtbenchSingle,
      metrics: [
        {
          name: 'instruction',
          itemScore: 'followed',
          aggregate: 'mean' as const,
          kind: 'proportion' as const,
          denominator: 'given',
        },
      ],
      scoredUnits: (scores: Readonly<Record<string, number | null>>) => [scores],
    };
    const summary = scoredUnitsSummary(
      [
        { itemId: 'p1', scores: { followed: 1, given: 2 } },
        { itemId: 'p2', scores: { followed: 2, given: 2 } },
      ],
      protocol,
    );
    expect(summary.metrics.instruction).toMatchObject({ value: 3 / 4, n: 4, clusters: 2 });
  });
});
