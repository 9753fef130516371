export type MmluLetter = 'A' | 'B' | 'C' | 'D';

export const mmluLetters: readonly MmluLetter[] = ['A', 'B', 'C', 'D'];

/** One MMLU question as the upstream CSV row holds it (text verbatim, nothing trimmed). */
export interface MmluExample {
  readonly question: string;
  readonly choices: readonly [string, string, string, string];
  readonly answer: MmluLetter;
}

/** `Item.data` of an MMLU test item. */
export interface MmluData extends MmluExample {
  /** File-name subject, e.g. 'high_school_physics'. */
  readonly subject: string;
  /** The subject's first 5 dev rows in file order (the same array for every item of the subject). */
  readonly devExamples: readonly MmluExample[];
}
