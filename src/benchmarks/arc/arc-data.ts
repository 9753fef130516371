/** One ARC-Challenge question as parity uses it. */
export interface ArcData {
  readonly question: string;
  /** Choices in file order, relabelled A, B, C, … (numeric upstream labels 1-4 become A-D). */
  readonly choices: readonly ArcChoice[];
  /** Gold letter after relabelling, e.g. 'C'. */
  readonly answer: string;
}

export interface ArcChoice {
  readonly letter: string;
  readonly text: string;
}
