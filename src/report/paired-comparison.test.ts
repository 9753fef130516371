import { describe, expect, it } from 'vitest';
import { comparePairedRuns, compareRuns } from './paired-comparison.ts';
import { buildLeaderboards } from './run-view.ts';
import type { ItemView, RunView } from './view-model.ts';

function runView(runId: string, model: string): RunView {
  return {
    runId,
    kind: 'eval',
    model,
    benchmark: 'mmlu',
    protocol: 'mmlu.gen.5shot',
    status: 'completed',
    doneItems: 0,
    totalItems: 0,
    createdAt: '',
    updatedAt: '',
    headline: { name: 'accuracy', kind: 'proportion', value: null, ci95: [null, null], n: 0 },
    errors: 0,
    unscored: 0,
    inputTokens: null,
    outputTokens: null,
    medianLatencyMs: null,
  };
}

const graded = { name: 'score', kind: 'graded', value: null, ci95: [null, null], n: 0 } as const;

function items(scores: readonly (number | null)[]): ItemView[] {
  return scores.map((score, index) => ({
    key: `q/${index}#0`,
    itemId: `q/${index}`,
    sample: 0,
    group: null,
    status: 'ok',
    score,
    extracted: null,
    prompt: '',
    messageCount: 1,
    response: '',
    error: null,
    latencyMs: null,
    ttftMs: null,
    inputTokens: null,
    outputTokens: null,
    finishReason: null,
    cached: false,
  }));
}

describe('compareRuns', () => {
  it('pairs items, counts discordant pairs, tests with exact McNemar and gives a verdict', () => {
    // 30 items: A right on all, B wrong on 12 of them; one item unscored in B is left out.
    const aScores = Array.from({ length: 30 }, () => 1);
    const bScores: (number | null)[] = Array.from({ length: 30 }, (_, index) => (index < 12 ? 0 : 1));
    bScores[29] = null;
    const all = new Map([
      ['a', items(aScores)],
      ['b', items(bScores)],
      ['c', items(aScores)],
    ]);
    const comparisons = compareRuns(
      [runView('a', 'A'), runView('b', 'B'), runView('c', 'C')],
      (runId) => all.get(runId) ?? [],
    );
    expect(
      comparisons.map((comparison) => [
        comparison.b.runId,
        comparison.nPaired,
        comparison.aBetterCount,
        comparison.bBetterCount,
        comparison.verdict,
      ]),
    ).toEqual([
      ['b', 29, 12, 0, 'a_better'],
      ['c', 30, 0, 0, 'no_significant_difference'],
    ]);
    const [first] = comparisons;
    expect(first?.test.name).toBe('mcnemar_exact');
    // Exact McNemar, 12 vs 0 discordant: p = 2 · 0.5^12.
    expect(first?.test.pValue).toBeCloseTo(2 * 0.5 ** 12, 12);
    // Holm over two tests: the smaller p doubled.
    expect(first?.test.pAdjusted).toBeCloseTo(4 * 0.5 ** 12, 12);
    expect(first?.difference.value).toBeCloseTo(12 / 29, 12);
  });
});

describe('compareRuns (view) equals parity compare', () => {
  it('graded scores: the paired t-test with its t interval, as parity compare', () => {
    // Differences 1, 0, 2, 1, 1: scipy.stats.ttest_rel gives p = 0.034109423167409635 (df 4).
    const all = new Map([
      ['a', items([6, 7, 8, 9, 10])],
      ['b', items([5, 7, 6, 8, 9])],
    ]);
    const [comparison] = compareRuns(
      [
        { ...runView('a', 'A'), headline: { ...graded } },
        { ...runView('b', 'B'), headline: { ...graded } },
      ],
      (runId) => all.get(runId) ?? [],
    );
    expect(comparison).toMatchObject({
      nPaired: 5,
      test: { name: 'paired_t' },
      verdict: 'a_better',
      aBetterCount: 4,
      bBetterCount: 0,
    });
    expect(comparison?.test.pValue).toBeCloseTo(0.034109423167409635, 10);
    expect(comparison?.difference.value).toBeCloseTo(1, 12);
    // The interval agrees with the verdict: it excludes 0.
    expect(comparison?.difference.ci95[0]).toBeGreaterThan(0);
  });

  it("averages an item's samples first and counts items, not samples", () => {
    const sampled = (scores: readonly number[]): ItemView[] =>
      scores.map((score, index) => ({
        ...(items([score])[0] as ItemView),
        key: `q/${Math.floor(index / 2)}#${index % 2}`,
        itemId: `q/${Math.floor(index / 2)}`,
        sample: index % 2,
      }));
    const all = new Map([
      ['a', sampled([1, 1, 1, 0, 0, 0])],
      ['b', sampled([0, 0, 1, 0, 0, 0])],
    ]);
    const [comparison] = compareRuns([runView('a', 'A'), runView('b', 'B')], (runId) => all.get(runId) ?? []);
    // Item means A: 1, 0.5, 0; B: 0, 0.5, 0 — not all 0/1, so the paired t-test (scipy: p = 0.42264973081037427).
    expect(comparison).toMatchObject({ nPaired: 3, aBetterCount: 1, bBetterCount: 0 });
    expect(comparison?.test.name).toBe('paired_t');
    expect(comparison?.test.pValue).toBeCloseTo(0.42264973081037427, 10);
    expect(comparison?.difference.value).toBeCloseTo(1 / 3, 12);
  });
});

describe('views never pair or rank runs on different data', () => {
  it('a comparison leaves out items whose content differs and counts them', () => {
    const withFingerprints = (scores: number[], changed: number): ItemView[] =>
      items(scores).map((item, index) => ({
        ...item,
        fingerprint: index === changed ? 'other' : `f${index}`,
      }));
    const all = new Map([
      ['a', withFingerprints([1, 1, 1, 0, 1, 0], -1)],
      ['b', withFingerprints([0, 1, 1, 0, 1, 1], 0)],
    ]);
    const [comparison] = compareRuns([runView('a', 'A'), runView('b', 'B')], (runId) => all.get(runId) ?? []);
    expect(comparison).toMatchObject({ nPaired: 5, mismatchedItems: 1, aBetterCount: 0, bBetterCount: 1 });
    expect(comparison?.intervalLevel).toBe(0.95);
  });

  it('leaderboards keep runs on different datasets on separate boards', () => {
    const scored = (runId: string, value: number, dataset?: string): RunView => ({
      ...runView(runId, runId),
      headline: { name: 'accuracy', kind: 'proportion', value, ci95: [value - 0.1, value + 0.1], n: 10 },
      ...(dataset === undefined ? {} : { dataset }),
    });
    const boards = buildLeaderboards([
      scored('demo', 0.9, 'd-demo'),
      scored('real', 0.5, 'd-real'),
      scored('real-2', 0.6, 'd-real'),
      scored('old', 0.7),
    ]);
    expect(boards.map((board) => [board.dataset, board.runs.map((run) => run.runId)])).toEqual([
      [null, ['old']],
      ['d-demo', ['demo']],
      ['d-real', ['real-2', 'real']],
    ]);
  });
});

describe('comparePairedRuns on few items', () => {
  it('clips the difference of proportions to ±1 and marks it', () => {
    // Samples averaged (0.5) make it a paired t-test: 0.75 ± 3.18·0.25 = [-0.05, 1.55] before clipping.
    const view = comparePairedRuns({
      a: runView('a', 'model-a'),
      b: runView('b', 'model-b'),
      aItems: items([1, 1, 1, 0.5]),
      bItems: items([0, 0, 0, 0.5]),
    });
    expect(view.test.name).toBe('paired_t');
    expect(view.difference.ci95[1]).toBe(1);
    expect(view.differenceClipped).toBe(true);
  });
});
