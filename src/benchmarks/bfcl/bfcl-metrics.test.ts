import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../../evaluation/summarize-scores.ts';

// The module is imported inside each test, not at the top: its metric list is built when the module loads, and
// only a load inside a test is counted as that test's coverage by the mutation run (decision 0290).
const load = () => import('./bfcl-metrics.ts');

/** One item of a category with the item scores bfclScoring gives it (accuracy and its summary key). */
function item(category: string, index: number, correct: 0 | 1) {
  const summaryKey =
    category === 'irrelevance' ? 'irrelevance' : category.startsWith('live_') ? 'ast_live' : 'ast_non_live';
  return {
    itemId: `${category}_${index}`,
    group: category,
    scores: { accuracy: correct, [summaryKey]: correct },
  };
}

describe('bfclMetrics', () => {
  it('names the headline and the leaderboard summaries, in order', async () => {
    const { bfclMetrics } = await load();
    expect(
      bfclMetrics.map((metric) => [metric.name, metric.itemScore, metric.aggregate, metric.kind]),
    ).toEqual([
      ['accuracy', 'accuracy', 'mean', 'proportion'],
      ['non_live_ast', 'ast_non_live', 'group-mean', 'proportion'],
      ['live_ast', 'ast_live', 'mean', 'proportion'],
      ['irrelevance', 'irrelevance', 'mean', 'proportion'],
    ]);
    // Upstream eval_runner_helper.py: simple = mean(python, java, javascript); Non-Live AST = mean(simple,
    // multiple, parallel, parallel_multiple) — a weight of 1/3 · 1/4 for each simple language, 1/4 for the rest.
    expect(bfclMetrics[1]?.groupWeights).toEqual({
      simple_python: 1,
      simple_java: 1,
      simple_javascript: 1,
      multiple: 3,
      parallel: 3,
      parallel_multiple: 3,
    });
  });

  it('worked by hand: Non-Live AST as the nested mean, Live AST over live items, irrelevance apart', async () => {
    const { bfclMetrics } = await load();
    const items = [
      // simple_python 2/2, simple_java 0/1, simple_javascript 1/2 → simple = (1 + 0 + 1/2) / 3 = 1/2.
      item('simple_python', 0, 1),
      item('simple_python', 1, 1),
      item('simple_java', 0, 0),
      item('simple_javascript', 0, 1),
      item('simple_javascript', 1, 0),
      // multiple 1/1, parallel 0/1, parallel_multiple 1/2.
      item('multiple', 0, 1),
      item('parallel', 0, 0),
      item('parallel_multiple', 0, 1),
      item('parallel_multiple', 1, 0),
      // Live: 3 of 4 items right, whatever their category (live_simple 2/2, live_multiple 1/2).
      item('live_simple', 0, 1),
      item('live_simple', 1, 1),
      item('live_multiple', 0, 1),
      item('live_multiple', 1, 0),
      // Irrelevance 1/2.
      item('irrelevance', 0, 1),
      item('irrelevance', 1, 0),
    ];
    const summary = summarizeScores(items, bfclMetrics);
    // Non-Live AST = (1/2 + 1 + 0 + 1/2) / 4 = 1/2.
    expect(summary.metrics.non_live_ast?.value).toBeCloseTo(1 / 2, 12);
    expect(summary.metrics.live_ast).toMatchObject({ value: 3 / 4, n: 4 });
    expect(summary.metrics.irrelevance).toMatchObject({ value: 1 / 2, n: 2 });
    expect(summary.metrics.accuracy).toMatchObject({ value: 9 / 15, n: 15 });

    // Only simple_python right among the simple languages, every other non-live category right:
    // simple = 1/3, Non-Live AST = (1/3 + 1 + 1 + 1) / 4 = 5/6 (an unweighted mean over six would be 4/6).
    const skewed = summarizeScores(
      [
        item('simple_python', 0, 1),
        item('simple_java', 0, 0),
        item('simple_javascript', 0, 0),
        item('multiple', 0, 1),
        item('parallel', 0, 1),
        item('parallel_multiple', 0, 1),
      ],
      bfclMetrics,
    );
    expect(skewed.metrics.non_live_ast?.value).toBeCloseTo(5 / 6, 12);
  });
});
