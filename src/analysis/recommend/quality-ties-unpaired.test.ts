import { describe, expect, it } from 'vitest';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { QualityFigure } from '../../cost/quality.ts';
import type { MetricSpec } from '../../spec/index.ts';
import type { ComparableRun } from '../compare-runs.ts';
import { compareCandidateQuality, tiedWith, type MeasuredRun } from './quality-ties.ts';

const Z95 = 1.959963984540054;

function candidate(model: string, figures: readonly Partial<QualityFigure>[]): TcoCandidate {
  return {
    model,
    modelName: model,
    deployment: 'api',
    provider: 'p',
    monthlyCostUsd: 1,
    quality: figures.map((figure) => ({
      benchmark: 'bench',
      protocol: 'p',
      source: 'test',
      basis: 'measured',
      value: 0,
      ...figure,
    })),
    violations: [],
  } as TcoCandidate;
}

function measuredRun(
  runId: string,
  scores: readonly number[],
  metric: MetricSpec,
  protocol = 'p.v1',
): MeasuredRun {
  const run: ComparableRun = {
    runId,
    kind: 'eval',
    config: {
      modelSpec: runId,
      model: { provider: 'import', endpoint: '', modelId: runId },
      benchmark: 'bench',
      protocol,
      protocolVersion: 1,
      concurrency: 1,
      timeoutMs: 1,
      maxRetries: 0,
    },
    status: 'completed',
    doneItems: scores.length,
    totalItems: scores.length,
    createdAt: '',
    updatedAt: '',
    items: scores.map((score, index) => ({
      itemId: `q${index}`,
      status: 'ok' as const,
      scores: { s: score },
    })),
  };
  return { run, metric };
}

const graded: MetricSpec = { name: 's', itemScore: 's', aggregate: 'mean', kind: 'graded' };

describe('compareCandidateQuality without paired runs', () => {
  it('two measured proportions without stored runs: pooled z-test, unpooled Wald interval (0.8 vs 0.7 on 100 each)', () => {
    const ties = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 0.8, n: 100, runId: 'ra' }]),
        candidate('b', [{ value: 0.7, n: 100, runId: 'rb' }]),
      ],
      runs: new Map(),
    });
    expect(ties.notTested).toEqual([]);
    const [comparison] = ties.comparisons;
    expect(comparison).toMatchObject({
      benchmark: 'bench',
      paired: false,
      nPaired: null,
      a: { model: 'a', runId: 'ra', value: 0.8, n: 100 },
      b: { model: 'b', runId: 'rb', value: 0.7, n: 100 },
      test: { name: 'two_proportion_z_unpaired' },
      verdict: 'tied',
    });
    // Pooled 0.75: z = 0.1 / √(0.75·0.25·0.02) = 1.633, p = 0.1025.
    expect(comparison?.test.pValue).toBeCloseTo(0.1025, 3);
    expect(comparison?.test.pAdjusted).toBe(comparison?.test.pValue);
    // Unpooled se = √(0.0016 + 0.0021) = 0.060828.
    const se = Math.sqrt(0.0037);
    expect(comparison?.difference.value).toBeCloseTo(0.1, 12);
    expect(comparison?.difference.ci95[0]).toBeCloseTo(0.1 - Z95 * se, 9);
    expect(comparison?.difference.ci95[1]).toBeCloseTo(0.1 + Z95 * se, 9);
    expect(comparison?.difference).not.toHaveProperty('clipped');
    expect(tiedWith(ties, 'a')).toEqual([{ model: 'b', benchmark: 'bench' }]);
    expect(tiedWith(ties, 'b')).toEqual([{ model: 'a', benchmark: 'bench' }]);
    expect(tiedWith(ties, 'c')).toEqual([]);
    expect(tiedWith(undefined, 'a')).toEqual([]);
  });

  it('clips the Wald interval at 1 on few items and says so (0.9 vs 0.1 on 3 each: 0.8 ± 0.48)', () => {
    const [comparison] = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 0.9, n: 3, runId: 'ra' }]),
        candidate('b', [{ value: 0.1, n: 3, runId: 'rb' }]),
      ],
      runs: new Map(),
    }).comparisons;
    expect(comparison?.difference.ci95[1]).toBe(1);
    expect(comparison?.difference.ci95[0]).toBeCloseTo(0.8 - Z95 * Math.sqrt(0.06), 9);
    expect(comparison?.difference.clipped).toBe(true);
  });

  it('graded figures: a z-test with each standard error read from its 95% interval', () => {
    // se_a = 2/(2·1.96) = 0.5102, se_b = 1/(2·1.96) = 0.2551: se = 0.5704, z = 2/0.5704 = 3.506, p ≈ 0.00045.
    const runs = new Map([
      ['ra', measuredRun('ra', [7], graded, 'one')],
      ['rb', measuredRun('rb', [5], graded, 'other')],
    ]);
    const ties = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 7, ci95: [6, 8], n: 40, runId: 'ra' }]),
        candidate('b', [{ value: 5, ci95: [4.5, 5.5], n: 40, runId: 'rb' }]),
      ],
      runs,
    });
    const [comparison] = ties.comparisons;
    const se = Math.hypot(2 / (2 * Z95), 1 / (2 * Z95));
    expect(comparison?.test.name).toBe('interval_z_unpaired');
    expect(comparison?.difference.value).toBe(2);
    expect(comparison?.difference.ci95[0]).toBeCloseTo(2 - Z95 * se, 12);
    expect(comparison?.difference.ci95[1]).toBeCloseTo(2 + Z95 * se, 12);
    expect(comparison?.test.pValue).toBeGreaterThan(0.0004);
    expect(comparison?.test.pValue).toBeLessThan(0.0005);
    expect(comparison?.verdict).toBe('a_better');
    expect(tiedWith(ties, 'a')).toEqual([]);
  });

  it('a value outside [0, 1] is not a proportion even with n; without intervals there is no test', () => {
    const withIntervals = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 1.5, ci95: [1.4, 1.6], n: 10, runId: 'ra' }]),
        candidate('b', [{ value: 1.5, ci95: [1.3, 1.7], n: 10, runId: 'rb' }]),
      ],
      runs: new Map(),
    });
    expect(withIntervals.comparisons[0]?.test).toMatchObject({ name: 'interval_z_unpaired', pValue: 1 });
    expect(withIntervals.comparisons[0]?.verdict).toBe('tied');
    const without = compareCandidateQuality({
      candidates: [candidate('a', [{ value: 7, runId: 'ra' }]), candidate('b', [{ value: 5, runId: 'rb' }])],
      runs: new Map(),
    });
    expect(without.comparisons).toEqual([]);
    // A proportion needs n on both sides: without it, the intervals are used.
    const noN = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 0.8, ci95: [0.7, 0.9], n: 100, runId: 'ra' }]),
        candidate('b', [{ value: 0.7, ci95: [0.6, 0.8], runId: 'rb' }]),
      ],
      runs: new Map(),
    });
    expect(noN.comparisons[0]?.test.name).toBe('interval_z_unpaired');
  });

  it('zero-width intervals: p = 1 when equal, 0 when not (the lower value then loses)', () => {
    const at = (a: number, b: number) =>
      compareCandidateQuality({
        candidates: [
          candidate('a', [{ value: a, ci95: [a, a], runId: 'ra' }]),
          candidate('b', [{ value: b, ci95: [b, b], runId: 'rb' }]),
        ],
        runs: new Map(),
      }).comparisons[0];
    expect(at(3, 3)?.test.pValue).toBe(1);
    expect(at(3, 3)?.verdict).toBe('tied');
    expect(at(2, 3)?.test.pValue).toBe(0);
    expect(at(2, 3)?.verdict).toBe('b_better');
    expect(at(2, 3)?.difference.ci95).toEqual([-1, -1]);
  });

  it('published figures and measured ones without a run id are listed as not tested', () => {
    const ties = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 0.8, n: 100, runId: 'ra' }]),
        candidate('pub', [{ value: 0.9, basis: 'published' }]),
        candidate('norun', [{ value: 0.9, n: 100 }]),
      ],
      runs: new Map(),
    });
    expect(ties.comparisons).toEqual([]);
    expect(ties.notTested).toEqual([
      { benchmark: 'bench', model: 'pub' },
      { benchmark: 'bench', model: 'norun' },
    ]);
  });

  it("takes each model's first figure for the benchmark, per benchmark", () => {
    const ties = compareCandidateQuality({
      candidates: [
        candidate('a', [
          { benchmark: 'other', value: 0.5, basis: 'published' },
          { value: 0.8, n: 100, runId: 'ra' },
        ]),
        candidate('a', [{ value: 0.1, n: 100, runId: 'ra2' }]),
        candidate('b', [{ value: 0.7, n: 100, runId: 'rb' }]),
      ],
      runs: new Map(),
    });
    expect(ties.notTested).toEqual([{ benchmark: 'other', model: 'a' }]);
    expect(ties.comparisons).toHaveLength(1);
    expect(ties.comparisons[0]?.a).toMatchObject({ model: 'a', runId: 'ra', value: 0.8 });
  });

  it('runs on different protocols are compared unpaired, from their figures', () => {
    const accuracy: MetricSpec = { name: 'acc', itemScore: 's', aggregate: 'mean', kind: 'proportion' };
    const runs = new Map([
      ['ra', measuredRun('ra', [1, 1, 0, 1], accuracy, 'one')],
      ['rb', measuredRun('rb', [1, 0, 0, 1], accuracy, 'two')],
    ]);
    const [comparison] = compareCandidateQuality({
      candidates: [
        candidate('a', [{ value: 0.75, n: 4, runId: 'ra' }]),
        candidate('b', [{ value: 0.5, n: 4, runId: 'rb' }]),
      ],
      runs,
    }).comparisons;
    expect(comparison?.paired).toBe(false);
    expect(comparison?.test.name).toBe('two_proportion_z_unpaired');
  });
});
