/** The four RULER-style task types parity generates (docs/longctx.md). */
export const longctxTasks = ['niah_single', 'niah_multikey', 'niah_multivalue', 'vt'] as const;
export type LongctxTask = (typeof longctxTasks)[number];

/** What identifies one generated item; the prompt is regenerated from it (nothing is stored but these). */
export interface LongctxSpec {
  readonly task: LongctxTask;
  /** Target prompt length in tokens (estimated, see `charsPerToken`). */
  readonly tokens: number;
  /** Where the (first) needle sits in the haystack, in percent: 0 = start, 100 = end. */
  readonly depth: number;
  /** Sample index within (task, tokens, depth). */
  readonly index: number;
  readonly seed: number;
  /** Characters per token used to size the haystack (docs/longctx.md, lengths). */
  readonly charsPerToken: number;
}

export interface LongctxData extends LongctxSpec {
  /** The key (NIAH) or value (VT) the question asks about. */
  readonly query: string;
  /** Every string the answer must contain (RULER string_match_all). */
  readonly answers: readonly string[];
}
