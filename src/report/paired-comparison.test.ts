import { describe, expect, it } from 'vitest';
import { compareRuns } from './paired-comparison.ts';
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
