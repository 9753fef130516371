import type { MetricSpec } from '../../spec/index.ts';

/** MMLU metrics: micro accuracy (headline) and the mean of per-subject accuracies. Item score key 'accuracy'. */
export const mmluMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
  { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
];
