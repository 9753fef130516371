import { describe, expect, it } from 'vitest';
import { groupMeanEstimate } from './group-mean-estimate.ts';
import { meanEstimate } from './mean-estimate.ts';

describe('meanEstimate', () => {
  it('uses Wilson for proportions', () => {
    const estimate = meanEstimate([1, 1, 0, 1], { kind: 'proportion' });
    expect(estimate).toMatchObject({ value: 0.75, n: 4, method: 'wilson' });
  });

  it('uses the normal interval for graded scores', () => {
    const estimate = meanEstimate([2, 4, 6, 8], { kind: 'graded' });
    // s = 2.5820, se = 1.2910, half width = 2.5303
    expect(estimate.value).toBe(5);
    expect(estimate.ci95[0]).toBeCloseTo(2.4697, 4);
    expect(estimate.ci95[1]).toBeCloseTo(7.5303, 4);
  });

  it('reports an empty list as NaN with n 0', () => {
    expect(meanEstimate([], { kind: 'proportion' }).n).toBe(0);
  });
});

describe('groupMeanEstimate', () => {
  it('averages group means, not items', () => {
    const groups = new Map([
      ['a', [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]],
      ['b', [0, 1]],
    ]);
    const estimate = groupMeanEstimate(groups, { kind: 'proportion' });
    expect(estimate.value).toBeCloseTo((0.9 + 0.5) / 2, 12);
    // Agresti–Coull: a: p̃ = 11/14, var 0.012026; b: p̃ = 3/6, var 0.041667; Var = 0.053693 / 4 = 0.013423;
    // half width = 1.959964·0.115859 = 0.227079 (computed in Python)
    expect(estimate.ci95[0]).toBeCloseTo(0.7 - 0.227079, 5);
    expect(estimate.ci95[1]).toBeCloseTo(0.7 + 0.227079, 5);
    expect(estimate.n).toBe(12);
  });

  it('gives groups at 0% a non-zero width and clips to [0, 1]', () => {
    const estimate = groupMeanEstimate(new Map([['a', [0, 0, 0]]]), { kind: 'proportion' });
    // p̃ = 2/7, Var = (2/7)(5/7)/7 = 0.029155; half width = 0.334658
    expect(estimate.ci95).toEqual([0, expect.closeTo(0.334658, 5)]);
    expect(estimate.n).toBe(3);
  });

  it('skips empty groups', () => {
    const estimate = groupMeanEstimate(
      new Map([
        ['a', [1, 0]],
        ['b', []],
      ]),
      { kind: 'proportion' },
    );
    expect(estimate.value).toBe(0.5);
  });
});
