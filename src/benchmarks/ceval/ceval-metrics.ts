import type { MetricSpec } from '../../spec/index.ts';
import { examItemScores, examMetrics } from '../chinese-exam/exam-metrics.ts';
import { cevalCategories, cevalSubjects } from './ceval-subjects.ts';

/** accuracy, accuracy_macro (the official "Average" over subjects), then STEM, Social Science, Humanities, Other, Hard. */
export const cevalMetrics: readonly MetricSpec[] = examMetrics(cevalCategories);

/** Item scores of a C-Eval answer: accuracy, repeated under the subject's category metrics. */
export function cevalItemScores(subject: string, correct: boolean): Record<string, number> {
  return examItemScores(correct, cevalSubjects.get(subject)?.categoryMetrics ?? []);
}

/** The subject's Chinese name, as the prompts use it. */
export function cevalChineseName(subject: string): string {
  return cevalSubjects.get(subject)?.chineseName ?? subject;
}
