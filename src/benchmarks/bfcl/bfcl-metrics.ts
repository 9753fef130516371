import type { MetricSpec } from '../../spec/index.ts';

/**
 * Headline `accuracy` (all items; per category as groups), then BFCL's leaderboard summaries
 * (bfcl_eval/eval_checker/eval_runner_helper.py:320-400): Non-Live AST is the unweighted mean of
 * simple (itself the unweighted mean of Python, Java, JavaScript), multiple, parallel and parallel_multiple —
 * a weighted mean over categories with weights 1, 1, 1, 3, 3, 3; Live AST is weighted by item count (the mean
 * over live items); irrelevance as its own figure.
 */
export const bfclMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
  {
    name: 'non_live_ast',
    itemScore: 'ast_non_live',
    aggregate: 'group-mean',
    kind: 'proportion',
    groupWeights: {
      simple_python: 1,
      simple_java: 1,
      simple_javascript: 1,
      multiple: 3,
      parallel: 3,
      parallel_multiple: 3,
    },
  },
  { name: 'live_ast', itemScore: 'ast_live', aggregate: 'mean', kind: 'proportion' },
  { name: 'irrelevance', itemScore: 'irrelevance', aggregate: 'mean', kind: 'proportion' },
];
