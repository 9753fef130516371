/**
 * RULER's `string_match_all` for one prediction (NVIDIA/RULER scripts/eval/synthetic/constants.py lines 28-30):
 * the fraction of reference strings found in the prediction, case-insensitively. Used for every longctx task,
 * as RULER uses it for niah and variable_tracking (constants.py lines 33-39).
 */
export function stringMatchAll(prediction: string, references: readonly string[]): number {
  if (references.length === 0) return 0;
  const lowered = prediction.toLowerCase();
  const found = references.filter((reference) => lowered.includes(reference.toLowerCase())).length;
  return found / references.length;
}

/**
 * RULER's `string_match_part` (constants.py lines 24-26): 1 when any reference is in the prediction. Kept for
 * the `any_found` item score.
 */
export function stringMatchPart(prediction: string, references: readonly string[]): number {
  const lowered = prediction.toLowerCase();
  return references.some((reference) => lowered.includes(reference.toLowerCase())) ? 1 : 0;
}
