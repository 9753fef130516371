export type ExamLetter = 'A' | 'B' | 'C' | 'D';

export const examLetters: readonly ExamLetter[] = ['A', 'B', 'C', 'D'];

/** One four-choice question of a Chinese exam set (CMMLU, C-Eval) as its CSV row holds it, nothing trimmed. */
export interface ExamQuestion {
  readonly question: string;
  readonly choices: readonly [string, string, string, string];
  readonly answer: ExamLetter;
}

/** `Item.data` of a CMMLU or C-Eval item. */
export interface ChineseExamData extends ExamQuestion {
  /** File-name subject, e.g. 'high_school_physics'. */
  readonly subject: string;
  /** The subject's first 5 dev rows in file order (the same array for every item of the subject). */
  readonly devExamples: readonly ExamQuestion[];
}
