/** `Item.data` of a GSM8K test item. */
export interface Gsm8kData {
  readonly question: string;
  /** The reference solution, ending `#### <number>`. */
  readonly answer: string;
  /** The gold number: the text after `#### ` (grade-school-math `ANS_RE`), commas removed, e.g. '1200'. */
  readonly target: string;
}
