/** Which EvalPlus data set an item comes from; the special oracles and input conversions differ. */
export type EvalPlusDataset = 'humaneval' | 'mbpp';

/** `Item.data` of an EvalPlus task (one line of `HumanEvalPlus.jsonl.gz` or `MbppPlus.jsonl.gz`). */
export interface EvalPlusData {
  readonly dataset: EvalPlusDataset;
  /** `HumanEval/0`, `Mbpp/2`, … */
  readonly taskId: string;
  /** HumanEval+: signature and docstring; MBPP+: a docstring with the task and one example assert. */
  readonly prompt: string;
  readonly entryPoint: string;
  /** EvalPlus's ground truth; `prompt + canonicalSolution` is the program whose outputs are expected. */
  readonly canonicalSolution: string;
  /** Absolute tolerance of float comparisons (0 for most tasks). */
  readonly atol: number;
  /**
   * `base_input` and `plus_input` exactly as written in the file: JSON that Python's `json.loads` reads (it may
   * hold bare `Infinity` and integers beyond 2^53, which JavaScript would change), handed to the program as is.
   */
  readonly baseInputJson: string;
  readonly plusInputJson: string;
  /** HumanEval+ only: the original HumanEval `check(candidate)` tests (unused by EvalPlus's scoring). */
  readonly humanEvalTest?: string;
}
