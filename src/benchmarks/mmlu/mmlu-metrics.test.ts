import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../../evaluation/summarize-scores.ts';

// The module is imported inside each test, not at the top: its metric list is built when the module loads, and
// only a load inside a test is counted as that test's coverage by the mutation run (decision 0290).
const load = () => import('./mmlu-metrics.ts');

describe('mmluMetrics', () => {
  it('reports micro accuracy first, then the unweighted mean of per-subject accuracies', async () => {
    const { mmluMetrics } = await load();
    expect(mmluMetrics).toEqual([
      { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
      { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
    ]);
  });

  it('worked by hand: anatomy 3/4 and astronomy 0/1 give micro 3/5 and macro (3/4 + 0) / 2', async () => {
    const { mmluMetrics } = await load();
    const items = [1, 1, 1, 0]
      .map((accuracy, index) => ({ itemId: `anatomy/${index}`, group: 'anatomy', scores: { accuracy } }))
      .concat([{ itemId: 'astronomy/0', group: 'astronomy', scores: { accuracy: 0 } }]);
    const summary = summarizeScores(items, mmluMetrics);
    expect(Object.keys(summary.metrics)).toEqual(['accuracy', 'accuracy_macro']);
    expect(summary.metrics.accuracy).toMatchObject({ value: 3 / 5, n: 5, method: 'wilson' });
    expect(summary.metrics.accuracy_macro).toMatchObject({ value: 3 / 8, n: 5, method: 'normal-group-mean' });
    expect(summary.groups.anatomy?.accuracy?.value).toBe(3 / 4);
  });
});
