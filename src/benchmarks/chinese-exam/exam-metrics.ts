import type { MetricSpec } from '../../spec/index.ts';

/**
 * A category of subjects whose accuracy is reported apart (CMMLU's STEM … China specific, C-Eval's STEM … and
 * its "hard" subset). `metric` is both the metric name and the item score key.
 */
export interface ExamCategory {
  readonly metric: string;
  /** As the upstream names it, for docs and messages, e.g. 'Social Science'. */
  readonly name: string;
}

/**
 * Metrics of a Chinese exam set, headline first: `accuracy` over all items (lm-eval's group figure,
 * weight_by_size), `accuracy_macro` the mean of per-subject accuracies (the official "Average"/"Overall"),
 * then per category the mean of its subjects' accuracies (as the official scripts average categories), with no
 * per-subject figures of their own (those would repeat `accuracy`).
 */
export function examMetrics(categories: readonly ExamCategory[]): MetricSpec[] {
  return [
    { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
    { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
    ...categories.map((category): MetricSpec => ({
      name: category.metric,
      itemScore: category.metric,
      aggregate: 'group-mean',
      kind: 'proportion',
      perGroup: false,
    })),
  ];
}

/**
 * Item scores: `accuracy`, and the same value under each category metric the item's subject belongs to
 * (absent for the others, so a category's figure is computed over its own subjects only).
 */
export function examItemScores(correct: boolean, categoryMetrics: readonly string[]): Record<string, number> {
  const value = correct ? 1 : 0;
  return Object.fromEntries([['accuracy', value], ...categoryMetrics.map((metric) => [metric, value])]);
}
