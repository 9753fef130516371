/**
 * One test of a difference δ (A − B) with the interval that inverts it: the interval at level 1 − a excludes
 * δ₀ exactly when the two-sided test of δ₀ rejects at a, so a printed interval never contradicts the verdict
 * read from the same object. The equivalence (TOST) and non-inferiority verdicts use the one-sided p-values at
 * the margins and the interval at 1 − 2α.
 */
export interface DifferenceInference {
  /** The test's name as printed and in `--json` (e.g. 'mcnemar_exact', 'paired_t', 'tango_score'). */
  readonly method: string;
  /** The point estimate of δ. */
  readonly estimate: number;
  /** One-sided p-value of H₀: δ ≤ δ₀ against δ > δ₀. */
  pGreater(delta0: number): number;
  /** One-sided p-value of H₀: δ ≥ δ₀ against δ < δ₀. */
  pLess(delta0: number): number;
  /** Two-sided interval at `level` (e.g. 0.95, or 0.90 for TOST at α = 0.05). */
  interval(level: number): [number, number];
  /**
   * The same test had there been `factor` times the items with the same estimate and spread (counts scaled
   * and rounded, standard error / √factor): how "about how many items would decide it" is answered.
   */
  scaled(factor: number): DifferenceInference;
}

/** Two-sided p-value of δ = δ₀: twice the smaller one-sided p, at most 1. */
export function twoSidedPValue(inference: DifferenceInference, delta0 = 0): number {
  return Math.min(1, 2 * Math.min(inference.pGreater(delta0), inference.pLess(delta0)));
}

/** Two one-sided tests (Schuirmann 1987): p of "|δ| ≥ margin", the larger of the two one-sided p-values. */
export function tostPValue(inference: DifferenceInference, margin: number): number {
  return Math.max(inference.pGreater(-margin), inference.pLess(margin));
}

/** Non-inferiority of B against A by `margin`: p of "A − B ≥ margin" (B worse by the margin or more). */
export function nonInferiorityPValue(inference: DifferenceInference, margin: number): number {
  return inference.pLess(margin);
}
