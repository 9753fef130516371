import type { MetricSpec } from '../../spec/index.ts';
import { examItemScores, examMetrics } from '../chinese-exam/exam-metrics.ts';
import { cmmluCategories, cmmluSubjects } from './cmmlu-subjects.ts';

/** accuracy, accuracy_macro (the official "Overall"), then STEM, Humanities, Social Science, Other, China specific. */
export const cmmluMetrics: readonly MetricSpec[] = examMetrics(cmmluCategories);

/** Item scores of a CMMLU answer: accuracy, repeated under the subject's category metrics. */
export function cmmluItemScores(subject: string, correct: boolean): Record<string, number> {
  return examItemScores(correct, cmmluSubjects.get(subject)?.categoryMetrics ?? []);
}

/** The subject's Chinese name, as the prompts use it. */
export function cmmluChineseName(subject: string): string {
  return cmmluSubjects.get(subject)?.chineseName ?? subject;
}
