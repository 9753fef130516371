import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../spec/index.ts';
import { compareRuns, comparePublished, type PairableRun } from './compare-runs.ts';
import { decideComparisons } from './decide-comparisons.ts';

function run(runId: string, scores: readonly number[], groups?: readonly string[]): PairableRun {
  return {
    runId,
    config: { modelSpec: `test:${runId}`, benchmark: 'bench', protocol: 'bench.v1' },
    items: scores.map((score, index) => ({
      itemId: String(index),
      status: 'ok' as const,
      group: groups?.[index],
      scores: { score },
    })),
  };
}

const graded: MetricSpec = { name: 'score', itemScore: 'score', aggregate: 'mean', kind: 'graded' };
const proportion: MetricSpec = {
  name: 'accuracy',
  itemScore: 'score',
  aggregate: 'mean',
  kind: 'proportion',
};

describe('compareRuns on identical graded scores', () => {
  it('gives p = 1 and no significant difference, never NaN', () => {
    const scores = [0.5, 0.25, 1, 0.75, 0.3];
    for (const cluster of ['item', 'group'] as const) {
      const comparison = compareRuns({
        a: run('a', scores, ['g', 'g', 'h', 'h', 'k']),
        b: run('b', scores, ['g', 'g', 'h', 'h', 'k']),
        metric: graded,
        cluster,
      });
      expect(comparison.test.pValue).toBe(1);
      const [decided] = decideComparisons([comparison], { level: 0.05 });
      expect(decided?.verdict).toBe('no_significant_difference');
      expect(decided?.test.pAdjusted).toBe(1);
    }
  });
});

describe('intervals of a difference of proportions stay within [-1, 1]', () => {
  it('clips the Wald interval of two published figures on few items and says so', () => {
    // 0.9 − 0.1 on 3 items each: Wald 0.80 ± 1.96·0.245 = [0.32, 1.28] before clipping.
    const comparison = comparePublished({ a: { value: 0.9, n: 3 }, b: { value: 0.1, n: 3 } });
    expect(comparison.difference.ci95[1]).toBe(1);
    expect(comparison.difference.ci95[0]).toBeCloseTo(0.3199, 3);
    const [decided] = decideComparisons([comparison], {
      level: 0.05,
      margin: { points: 2 },
    });
    expect(decided?.verdictInterval.bounds[1]).toBe(1);
    expect(decided?.verdictInterval.clipped).toBe(true);
    expect(decided?.margin?.interval.bounds[1]).toBeLessThanOrEqual(1);
    // Clipping leaves the test alone: the interval still excludes 0 exactly when p < level.
    expect(decided?.verdict).toBe('a_better');
  });

  it('leaves an interval inside the range as it was, not marked clipped', () => {
    const comparison = comparePublished({ a: { value: 0.886, n: 14042 }, b: { value: 0.887, n: 14042 } });
    const [decided] = decideComparisons([comparison], { level: 0.05 });
    expect(decided?.verdictInterval.clipped).toBe(false);
    expect(decided?.verdictInterval.bounds[0]).toBeGreaterThan(-0.01);
  });

  it('clips the cluster-robust interval of paired proportions on few clusters', () => {
    // Two groups; A right on all of one group, B on none: a large difference with a wide normal interval.
    const groups = ['g', 'g', 'g', 'h', 'h', 'h'];
    const comparison = compareRuns({
      a: run('a', [1, 1, 1, 1, 0, 1], groups),
      b: run('b', [0, 0, 0, 0, 0, 1], groups),
      metric: proportion,
      cluster: 'group',
    });
    expect(comparison.difference.ci95[0]).toBeGreaterThanOrEqual(-1);
    expect(comparison.difference.ci95[1]).toBeLessThanOrEqual(1);
    const [decided] = decideComparisons([comparison], { level: 0.05 });
    expect(decided?.verdictInterval.bounds[1]).toBeLessThanOrEqual(1);
  });

  it('does not clip graded differences, which have no fixed range', () => {
    const comparison = compareRuns({ a: run('a', [9, 8, 10]), b: run('b', [1, 2, 1]), metric: graded });
    expect(comparison.difference.ci95[1]).toBeGreaterThan(1);
  });
});
