import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../../evaluation/summarize-scores.ts';
import { examItemScores, examMetrics } from './exam-metrics.ts';

const categories = [
  { metric: 'accuracy_stem', name: 'STEM' },
  { metric: 'accuracy_hard', name: 'Hard' },
];

describe('examMetrics', () => {
  it('accuracy over items, the mean over subjects, then each category as a mean over its subjects', () => {
    expect(examMetrics(categories)).toEqual([
      { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
      { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
      {
        name: 'accuracy_stem',
        itemScore: 'accuracy_stem',
        aggregate: 'group-mean',
        kind: 'proportion',
        perGroup: false,
      },
      {
        name: 'accuracy_hard',
        itemScore: 'accuracy_hard',
        aggregate: 'group-mean',
        kind: 'proportion',
        perGroup: false,
      },
    ]);
    expect(examMetrics([])).toHaveLength(2);
  });
});

describe('examItemScores', () => {
  it('repeats the 0/1 accuracy under each category of the subject and no other', () => {
    expect(examItemScores(true, ['accuracy_stem', 'accuracy_hard'])).toEqual({
      accuracy: 1,
      accuracy_stem: 1,
      accuracy_hard: 1,
    });
    expect(examItemScores(false, ['accuracy_stem'])).toEqual({ accuracy: 0, accuracy_stem: 0 });
    expect(examItemScores(true, [])).toEqual({ accuracy: 1 });
  });

  it('worked by hand: a category averages only its own subjects, with no per-subject figures of its own', () => {
    // physics (stem, hard) 1/2, biology (stem) 1/1, history (no category) 0/1.
    const items = [
      {
        itemId: 'physics/0',
        group: 'physics',
        scores: examItemScores(true, ['accuracy_stem', 'accuracy_hard']),
      },
      {
        itemId: 'physics/1',
        group: 'physics',
        scores: examItemScores(false, ['accuracy_stem', 'accuracy_hard']),
      },
      { itemId: 'biology/0', group: 'biology', scores: examItemScores(true, ['accuracy_stem']) },
      { itemId: 'history/0', group: 'history', scores: examItemScores(false, []) },
    ];
    const summary = summarizeScores(items, examMetrics(categories));
    expect(summary.metrics.accuracy?.value).toBe(2 / 4);
    expect(summary.metrics.accuracy_macro?.value).toBeCloseTo((1 / 2 + 1 + 0) / 3, 12);
    expect(summary.metrics.accuracy_stem).toMatchObject({ value: (1 / 2 + 1) / 2, n: 3 });
    expect(summary.metrics.accuracy_hard).toMatchObject({ value: 1 / 2, n: 2 });
    expect(summary.groups.physics).toEqual({ accuracy: expect.objectContaining({ value: 1 / 2, n: 2 }) });
  });
});
