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

// Expectations worked out by hand below (z = scipy.stats.norm.ppf(0.975) = 1.959963984540054).
describe('groupMeanEstimate: graded scores, weights, clusters and empty input', () => {
  const z = 1.959963984540054;

  it('is NaN with method none when no group has a scored item', () => {
    const none = { value: Number.NaN, ci95: [Number.NaN, Number.NaN], n: 0, method: 'none' };
    expect(groupMeanEstimate(new Map(), { kind: 'graded' })).toEqual(none);
    expect(groupMeanEstimate(new Map([['a', []]]), { kind: 'proportion' })).toEqual(none);
  });

  it('graded: Var = (1/G²) Σ s²_g/n_g, not clipped to [0, 1], no cluster count', () => {
    // a: mean 4, s² = 4, s²/n = 4/3; b: mean 2, s² = 2, s²/n = 1. Value 3, Var = (4/3 + 1)/4 = 7/12.
    const estimate = groupMeanEstimate(
      new Map([
        ['a', [2, 4, 6]],
        ['b', [1, 3]],
      ]),
      { kind: 'graded' },
    );
    const half = z * Math.sqrt(7 / 12);
    expect(estimate.value).toBe(3);
    expect(estimate.ci95[0]).toBeCloseTo(3 - half, 12);
    expect(estimate.ci95[1]).toBeCloseTo(3 + half, 12);
    expect(estimate.n).toBe(5);
    expect(estimate.method).toBe('normal-group-mean');
    expect(estimate).not.toHaveProperty('clusters');
  });

  it('weights each group variance by w² and divides by (Σw)²', () => {
    // Weights a 3, b 1: value (3·4 + 2)/4 = 3.5; Var = (9·4/3 + 1·1)/16 = 13/16.
    const estimate = groupMeanEstimate(
      new Map([
        ['a', [2, 4, 6]],
        ['b', [1, 3]],
      ]),
      { kind: 'graded', weights: { a: 3 } },
    );
    const half = z * Math.sqrt(13 / 16);
    expect(estimate.value).toBeCloseTo(3.5, 14);
    expect(estimate.ci95[0]).toBeCloseTo(3.5 - half, 12);
    expect(estimate.ci95[1]).toBeCloseTo(3.5 + half, 12);
  });

  it('a group with shared clusters adds its cluster-robust SE², the others Agresti–Coull; clusters counted over groups', () => {
    // a: mean 0.5, cluster residual sums p: +1, q: 0, r: −1; SE² = 3/2 · 2 / 6² = 1/12.
    // b: clusters not shared, Agresti–Coull with n 2: p̃ = 3/6, var = 0.25/6 = 1/24.
    // Var = (1/12 + 1/24)/4 = 1/32; clusters 3 + 2 = 5.
    const estimate = groupMeanEstimate(
      new Map([
        ['a', [1, 1, 0, 1, 0, 0]],
        ['b', [1, 0]],
      ]),
      {
        kind: 'proportion',
        clusters: new Map([
          ['a', ['p', 'p', 'q', 'q', 'r', 'r']],
          ['b', ['s', 't']],
        ]),
      },
    );
    const half = z * Math.sqrt(1 / 32);
    expect(estimate.value).toBe(0.5);
    expect(estimate.ci95[0]).toBeCloseTo(0.5 - half, 12);
    expect(estimate.ci95[1]).toBeCloseTo(0.5 + half, 12);
    expect(estimate).toMatchObject({ n: 8, method: 'normal-group-mean', clusters: 5 });
  });

  it('two clusters are enough for the cluster-robust variance (graded, not clipped)', () => {
    // mean 0.75, residual sums p: −0.5, q: +0.5; SE² = 2/1 · 0.5 / 4² = 1/16.
    const estimate = groupMeanEstimate(new Map([['a', [1, 0, 1, 1]]]), {
      kind: 'graded',
      clusters: new Map([['a', ['p', 'p', 'q', 'q']]]),
    });
    expect(estimate.value).toBe(0.75);
    expect(estimate.ci95[0]).toBeCloseTo(0.75 - z * 0.25, 12);
    expect(estimate.ci95[1]).toBeCloseTo(0.75 + z * 0.25, 12);
    expect(estimate.clusters).toBe(2);
  });

  it('one cluster only: a proportion adds the Agresti–Coull variance of one unit, a graded score has no interval', () => {
    // mean 2/3 over one unit: p̃ = (2/3 + 2)/5 = 8/15, Var = (8/15)(7/15)/5 = 56/1125.
    const groups = new Map([['a', [1, 1, 0]]]);
    const clusters = new Map([['a', ['p', 'p', 'p']]]);
    const proportion = groupMeanEstimate(groups, { kind: 'proportion', clusters });
    const half = z * Math.sqrt(56 / 1125);
    expect(proportion.value).toBeCloseTo(2 / 3, 14);
    expect(proportion.ci95[0]).toBeCloseTo(2 / 3 - half, 12);
    expect(proportion.ci95[1]).toBe(1);
    expect(proportion.clusters).toBe(1);
    const graded = groupMeanEstimate(groups, { kind: 'graded', clusters });
    expect(graded.value).toBeCloseTo(2 / 3, 14);
    expect(graded.ci95).toEqual([Number.NaN, Number.NaN]);
  });
});
