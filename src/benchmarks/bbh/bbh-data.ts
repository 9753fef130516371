/** One BBH exemplar from `cot-prompts/<task>.txt`. */
export interface BbhExemplar {
  /** The text after "Q: ". */
  readonly question: string;
  /** The whole answer after "A: ": "Let's think step by step." and the chain of thought ending "So the answer is X." */
  readonly reasoning: string;
  /** X of "So the answer is X." — the answer-only exemplar's target. */
  readonly answer: string;
}

/** The 3-shot prompt material of one task, shared by all of its items. */
export interface BbhTaskPrompt {
  /** The task description line(s) at the top of the prompt file. */
  readonly description: string;
  readonly exemplars: readonly BbhExemplar[];
}

export interface BbhData {
  readonly task: string;
  readonly input: string;
  readonly target: string;
  readonly prompt: BbhTaskPrompt;
}
