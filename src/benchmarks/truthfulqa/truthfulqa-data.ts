/** Answer choices in file order with their labels (1 = true, 0 = false), as the HF `truthful_qa` loader lists them. */
export interface TruthfulqaTargets {
  readonly choices: readonly string[];
  readonly labels: readonly (0 | 1)[];
}

/** `Item.data` of a TruthfulQA multiple-choice item (one entry of `data/v0/mc_task.json`). */
export interface TruthfulqaData {
  readonly question: string;
  /** MC1: one true answer, always listed first. */
  readonly mc1: TruthfulqaTargets;
  /** MC2: one or more true answers. */
  readonly mc2: TruthfulqaTargets;
}
