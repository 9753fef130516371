import { describe, expect, it } from 'vitest';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { QualityFigure } from '../../cost/quality.ts';
import type { MetricSpec } from '../../spec/index.ts';
import type { ComparableRun } from '../compare-runs.ts';
import { compareCandidateQuality, tiedWith, type MeasuredRun } from './quality-ties.ts';

const accuracy: MetricSpec = {
  name: 'accuracy',
  itemScore: 'accuracy',
  aggregate: 'mean',
  kind: 'proportion',
};

/** A run scoring 1 on the items whose index `right` accepts, ids `<prefix><index>`. */
function run(
  runId: string,
  right: (index: number) => boolean,
  options: { n?: number; prefix?: string } = {},
): MeasuredRun {
  const n = options.n ?? 500;
  const items = Array.from({ length: n }, (_unused, index) => ({
    itemId: `${options.prefix ?? 'q'}${index}`,
    status: 'ok' as const,
    scores: { accuracy: right(index) ? 1 : 0 },
  }));
  const comparable: ComparableRun = {
    runId,
    kind: 'eval',
    config: {
      modelSpec: runId,
      model: { provider: 'import', endpoint: '', modelId: runId },
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
      protocolVersion: 1,
      concurrency: 1,
      timeoutMs: 1,
      maxRetries: 0,
    },
    status: 'completed',
    doneItems: n,
    totalItems: n,
    createdAt: '',
    updatedAt: '',
    items,
  };
  return { run: comparable, metric: accuracy };
}

function candidate(
  model: string,
  figure: Omit<QualityFigure, 'benchmark' | 'protocol' | 'source'>,
): TcoCandidate {
  return {
    model,
    modelName: model,
    deployment: 'api',
    provider: 'p',
    monthlyCostUsd: 1,
    quality: [{ benchmark: 'mmlu', protocol: 'mmlu.gen.5shot accuracy', source: 'test', ...figure }],
    violations: [],
  };
}

function measured(model: string, entry: MeasuredRun): TcoCandidate {
  const values = entry.run.items.map((item) => item.scores.accuracy ?? 0);
  const value = values.reduce((sum, v) => sum + v, 0) / values.length;
  return candidate(model, { value, basis: 'measured', runId: entry.run.runId, n: values.length });
}

// 0.80 vs 0.81 on 500 shared items: A right on items 0–399; B right on 0–379 and 400–424
// (discordant: 20 only A, 25 only B) → exact McNemar p ≈ 0.55.
const a80 = run('a80', (index) => index < 400);
const b81 = run('b81', (index) => index < 380 || (index >= 400 && index < 425));
// 0.70 vs 0.80: A right on 0–339 and 400–409 (350); B right on 0–399 (400): 10 only A, 60 only B.
const a70 = run('a70', (index) => index < 340 || (index >= 400 && index < 410));
const b80 = run('b80', (index) => index < 400);

function ties(entries: readonly [string, MeasuredRun][], extra: TcoCandidate[] = []) {
  return compareCandidateQuality({
    candidates: [...entries.map(([model, entry]) => measured(model, entry)), ...extra],
    runs: new Map(entries.map(([, entry]) => [entry.run.runId, entry])),
  });
}

describe('compareCandidateQuality', () => {
  it('declares 0.80 vs 0.81 on 500 shared items tied (paired, exact McNemar)', () => {
    const result = ties([
      ['cheap', a80],
      ['dear', b81],
    ]);
    const [comparison] = result.comparisons;
    expect(result.comparisons).toHaveLength(1);
    expect(comparison).toMatchObject({
      paired: true,
      nPaired: 500,
      verdict: 'tied',
      test: { name: 'mcnemar_exact', discordant: { aOnly: 20, bOnly: 25 } },
    });
    expect(comparison?.difference.value).toBeCloseTo(-0.01, 12);
    expect(comparison?.test.pValue).toBeGreaterThan(0.5);
    expect(tiedWith(result, 'cheap')).toEqual([{ model: 'dear', benchmark: 'mmlu' }]);
    expect(tiedWith(result, 'dear')).toEqual([{ model: 'cheap', benchmark: 'mmlu' }]);
  });

  it('does not tie 0.70 vs 0.80 on 500 shared items', () => {
    const result = ties([
      ['cheap', a70],
      ['dear', b80],
    ]);
    expect(result.comparisons[0]).toMatchObject({ paired: true, verdict: 'b_better' });
    expect(result.comparisons[0]?.test.pAdjusted).toBeLessThan(1e-6);
    expect(tiedWith(result, 'cheap')).toEqual([]);
  });

  it('falls back to the unpaired two-proportion test when the runs share no items, and labels it', () => {
    const disjoint = run('b81x', (index) => index < 405, { prefix: 'other' });
    const tied = ties([
      ['cheap', a80],
      ['dear', disjoint],
    ]).comparisons[0];
    expect(tied).toMatchObject({ paired: false, nPaired: null, verdict: 'tied' });
    expect(tied?.test.name).toBe('two_proportion_z_unpaired');
    const far = ties([
      ['cheap', a70],
      ['dear', run('b80x', (index) => index < 400, { prefix: 'other' })],
    ]).comparisons[0];
    expect(far).toMatchObject({
      paired: false,
      verdict: 'b_better',
      test: { name: 'two_proportion_z_unpaired' },
    });
  });

  it('never tests published figures, and Holm-adjusts across the comparisons', () => {
    const published = candidate('catalog-model', { value: 0.805, basis: 'published' });
    const result = ties(
      [
        ['cheap', a70],
        ['middle', a80],
        ['dear', b80],
      ],
      [published],
    );
    expect(result.notTested).toEqual([{ benchmark: 'mmlu', model: 'catalog-model' }]);
    expect(result.comparisons).toHaveLength(3);
    expect(result.comparisons.every((comparison) => comparison.a.model !== 'catalog-model')).toBe(true);
    // a80 and b80 are the same items: no discordant pair, p = 1 → tied.
    const same = result.comparisons.find((comparison) => comparison.a.model === 'middle');
    expect(same).toMatchObject({ verdict: 'tied', test: { pValue: 1, pAdjusted: 1 } });
    for (const comparison of result.comparisons) {
      expect(comparison.test.pAdjusted).toBeGreaterThanOrEqual(comparison.test.pValue);
    }
  });
});

describe('quality differences stay within [-1, 1]', () => {
  it('clips the unpaired Wald interval on few items and marks it clipped', () => {
    // 3/3 against 1/3 on disjoint items: 0.667 ± 1.96·0.272 = [0.13, 1.20] before clipping.
    const comparison = ties([
      ['cheap', run('all3', () => true, { n: 3 })],
      ['dear', run('one3', (index) => index === 0, { n: 3, prefix: 'other' })],
    ]).comparisons[0];
    expect(comparison?.test.name).toBe('two_proportion_z_unpaired');
    expect(comparison?.difference.ci95[1]).toBe(1);
    expect(comparison?.difference.clipped).toBe(true);
  });

  it('leaves an interval inside the range unmarked', () => {
    const comparison = ties([
      ['cheap', a80],
      ['dear', b81],
    ]).comparisons[0];
    expect(comparison?.difference.clipped).toBeUndefined();
  });
});
