import type { MgsmLanguage } from './mgsm-instructions.ts';

export interface MgsmData {
  readonly language: MgsmLanguage;
  readonly question: string;
  /** The gold answer as written in the file (4 answers per language carry a thousands separator, e.g. "2,125"). */
  readonly answer: string;
}
