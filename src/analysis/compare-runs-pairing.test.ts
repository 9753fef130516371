import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../spec/index.ts';
import { compareRuns, itemValues, MismatchedItemsError, type PairableRun } from './compare-runs.ts';

interface Row {
  readonly id: string;
  readonly score?: number | null;
  readonly group?: string;
  readonly status?: 'ok' | 'error';
}

function run(runId: string, rows: readonly Row[], fingerprints?: Record<string, string>): PairableRun {
  return {
    runId,
    config: { modelSpec: `test:${runId}`, benchmark: 'bench', protocol: 'bench.v1' },
    items: rows.map((row) => ({
      itemId: row.id,
      status: row.status ?? 'ok',
      ...(row.group === undefined ? {} : { group: row.group }),
      scores: (row.score === undefined ? {} : { score: row.score }) as Record<string, number | null>,
    })),
    ...(fingerprints ? { fingerprints: new Map(Object.entries(fingerprints)) } : {}),
  };
}

const scores = (values: readonly number[], groups?: readonly string[]): Row[] =>
  values.map((score, index) => ({ id: `i${index}`, score, ...(groups ? { group: groups[index] } : {}) }));

const graded: MetricSpec = { name: 'score', itemScore: 'score', aggregate: 'mean', kind: 'graded' };
const accuracy: MetricSpec = { name: 'accuracy', itemScore: 'score', aggregate: 'mean', kind: 'proportion' };
const macro: MetricSpec = { ...accuracy, name: 'macro', aggregate: 'group-mean' };

describe('itemValues', () => {
  it('averages the samples of an item, and skips errors and items without the score', () => {
    const values = itemValues(
      run('a', [
        { id: 'x', score: 1, group: 'g' },
        { id: 'x', score: 0, group: 'g' },
        { id: 'x', score: 0.5, group: 'g' },
        { id: 'y', score: 1, status: 'error' },
        { id: 'z', score: null },
        { id: 'w' },
      ]),
      'score',
    );
    expect([...values]).toEqual([['x', { value: 0.5, group: 'g' }]]);
  });
});

describe('compareRuns: which items are paired', () => {
  it('pairs shared ids only and counts the rest per side', () => {
    const comparison = compareRuns({
      a: run('a', [...scores([1, 0, 1]), { id: 'onlyA', score: 1 }]),
      b: run('b', [...scores([0, 0, 1]), { id: 'onlyB1', score: 0 }, { id: 'onlyB2', score: 1 }]),
      metric: accuracy,
    });
    expect(comparison.nPaired).toBe(3);
    expect(comparison.items).toBe(3);
    expect(comparison.unpairedItems).toEqual({ a: 1, b: 2 });
    // A: 2/3 on the shared items, B: 1/3 (not 3/4 and 2/5 of everything each scored).
    expect(comparison.a.estimate.value).toBeCloseTo(2 / 3, 15);
    expect(comparison.b.estimate.value).toBeCloseTo(1 / 3, 15);
    expect(comparison.difference.value).toBeCloseTo(1 / 3, 15);
  });

  it('refuses runs whose shared ids differ in content, naming both runs and the counts', () => {
    const a = run('run-a', scores([1, 1, 0]), { i0: 'f0', i1: 'f1', i2: 'f2' });
    const b = run('run-b', scores([1, 0, 0]), { i0: 'f0', i1: 'CHANGED', i2: 'f2' });
    let thrown: unknown;
    try {
      compareRuns({ a, b, metric: accuracy });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MismatchedItemsError);
    expect((thrown as MismatchedItemsError).name).toBe('MismatchedItemsError');
    expect((thrown as MismatchedItemsError).mismatched).toBe(1);
    expect((thrown as Error).message).toMatch(
      /^runs run-a and run-b share 3 item ids but 1 of them differ in content/,
    );
    // Allowed: only the identical items are paired (i1 is left out), and the count is reported.
    const allowed = compareRuns({ a, b, metric: accuracy, allowMismatchedItems: true });
    expect(allowed.nPaired).toBe(2);
    expect(allowed.mismatchedItems).toBe(1);
    expect(allowed.fingerprintsChecked).toBe(true);
    expect(allowed.difference.value).toBe(0);
  });

  it('an id with no fingerprint on A counts as mismatched; runs without fingerprints pair by id', () => {
    const a = run('a', scores([1, 1]), { i0: 'f0' });
    const b = run('b', scores([1, 1]), { i0: 'f0', i1: 'f1' });
    expect(compareRuns({ a, b, metric: accuracy, allowMismatchedItems: true }).mismatchedItems).toBe(1);
    for (const [left, right] of [
      [run('a', scores([1, 0])), b],
      [b, run('a', scores([1, 0]))],
      [run('a', scores([1, 0]), {}), b],
      [b, run('a', scores([1, 0]), {})],
    ] as const) {
      const comparison = compareRuns({ a: left, b: right, metric: accuracy });
      expect(comparison.mismatchedItems).toBe(0);
      expect(comparison.nPaired).toBe(2);
      expect(comparison.fingerprintsChecked).toBe(false);
    }
  });
});

describe('compareRuns: the test for the data', () => {
  it('0/1 scores per item: exact McNemar on the discordant pairs (6 vs 0: p = 2 · 2⁻⁶)', () => {
    const comparison = compareRuns({
      a: run('a', scores([1, 1, 1, 1, 1, 1, 1, 0])),
      b: run('b', scores([0, 0, 0, 0, 0, 0, 1, 0])),
      metric: accuracy,
    });
    expect(comparison.test).toMatchObject({ name: 'mcnemar_exact', discordant: { aOnly: 6, bOnly: 0 } });
    expect(comparison.test.pValue).toBeCloseTo(2 / 64, 12);
    expect(comparison.paired).toBe(true);
  });

  it('graded scores: the paired t-test (differences 8, 6, 9: t = 8.693 on 2 df, p = 1 − t/√(t² + 2))', () => {
    const comparison = compareRuns({
      a: run('a', scores([9, 8, 10])),
      b: run('b', scores([1, 2, 1])),
      metric: graded,
    });
    const mean = 23 / 3;
    const sd = Math.sqrt(((8 - mean) ** 2 + (6 - mean) ** 2 + (9 - mean) ** 2) / 2);
    const t = mean / (sd / Math.sqrt(3));
    expect(comparison.test).toMatchObject({ name: 'paired_t', df: 2 });
    expect(comparison.test.pValue).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 10);
    expect(comparison.a.estimate.value).toBeCloseTo(9, 12);
    expect(comparison.b.estimate.value).toBeCloseTo(4 / 3, 12);
  });

  it('a macro metric: stratified z, sides as the mean of group means, groups taken from either run', () => {
    // Groups g (2 items) and h (1 item); only B's items carry the groups for i1 and i2.
    const a = run('a', [
      { id: 'i0', score: 1, group: 'g' },
      { id: 'i1', score: 1 },
      { id: 'i2', score: 0 },
    ]);
    const b = run('b', scores([0, 0, 0], ['g', 'g', 'h']));
    const comparison = compareRuns({ a, b, metric: macro });
    expect(comparison.test.name).toBe('stratified_z');
    // A: g mean 1, h mean 0 → 1/2 (the micro mean would be 2/3).
    expect(comparison.a.estimate.value).toBeCloseTo(0.5, 15);
    expect(comparison.difference.value).toBeCloseTo(0.5, 15);
    // Group weights: (3·1 + 1·0) / 4.
    const weighted = compareRuns({ a, b, metric: { ...macro, groupWeights: { g: 3, h: 1 } } });
    expect(weighted.a.estimate.value).toBeCloseTo(0.75, 15);
    expect(weighted.difference.value).toBeCloseTo(0.75, 15);
  });

  it('clustered by group: a clustered z-test, items without a group each their own cluster', () => {
    const groups = ['g', 'g', 'h', 'h', '', ''];
    const comparison = compareRuns({
      a: run('a', scores([1, 1, 1, 0, 1, 0], groups.map((group) => group || undefined) as string[])),
      b: run('b', scores([0, 1, 0, 0, 0, 0])),
      metric: accuracy,
      cluster: 'group',
    });
    expect(comparison.test.name).toBe('clustered_z');
    // Per cluster differences: g (1, 0), h (1, 0), #i4 (1), #i5 (0): four clusters, mean difference 3/6.
    expect(comparison.difference.value).toBeCloseTo(0.5, 15);
    const byItem = compareRuns({
      a: run('a', scores([1, 1, 1, 0, 1, 0], groups.map((group) => group || undefined) as string[])),
      b: run('b', scores([0, 1, 0, 0, 0, 0])),
      metric: accuracy,
      cluster: 'item',
    });
    expect(byItem.test.name).toBe('mcnemar_exact');
    // Clustering by group widens (here: changes) the standard error relative to six independent items.
    expect(comparison.difference.standardError).not.toBeCloseTo(byItem.difference.standardError, 6);
    // The two ungrouped items are singleton clusters: the same as naming them x and y (not one shared cluster).
    const named = compareRuns({
      a: run('a', scores([1, 1, 1, 0, 1, 0], ['g', 'g', 'h', 'h', 'x', 'y'])),
      b: run('b', scores([0, 1, 0, 0, 0, 0])),
      metric: accuracy,
      cluster: 'group',
    });
    expect(comparison.difference.standardError).toBeCloseTo(named.difference.standardError, 12);
    const shared = compareRuns({
      a: run('a', scores([1, 1, 1, 0, 1, 0], ['g', 'g', 'h', 'h', 'x', 'x'])),
      b: run('b', scores([0, 1, 0, 0, 0, 0])),
      metric: accuracy,
      cluster: 'group',
    });
    expect(comparison.difference.standardError).not.toBeCloseTo(shared.difference.standardError, 6);
  });
});
