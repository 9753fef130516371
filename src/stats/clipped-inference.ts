import type { DifferenceInference } from './difference-inference.ts';

/** A test whose intervals are clipped to the values the difference can take. */
export interface ClippedInference extends DifferenceInference {
  /** The possible values of δ, e.g. [-1, 1] for a difference of two proportions. */
  readonly range: readonly [number, number];
  /** The interval before clipping, to tell whether `interval(level)` was clipped. */
  unclippedInterval(level: number): [number, number];
}

/**
 * The same test with every interval clipped to `range`: a normal or t interval of a difference of proportions
 * can reach past ±1 on few items or extreme rates (statsmodels' Wald interval is not clipped either; parity
 * clips, as it clips single proportions to [0, 1], and says so). p-values are unchanged, and for δ₀ inside the
 * range the clipped interval excludes δ₀ exactly when the unclipped one does, so verdicts still agree.
 */
export function clippedInference(
  inference: DifferenceInference,
  range: readonly [number, number],
): ClippedInference {
  const [low, high] = range;
  return {
    method: inference.method,
    estimate: inference.estimate,
    pGreater: (delta0) => inference.pGreater(delta0),
    pLess: (delta0) => inference.pLess(delta0),
    scaled: (factor) => clippedInference(inference.scaled(factor), range),
    range,
    unclippedInterval: (level) => inference.interval(level),
    interval(level) {
      const [lower, upper] = inference.interval(level);
      return [Math.min(high, Math.max(low, lower)), Math.max(low, Math.min(high, upper))];
    },
  };
}

/** Whether the interval at `level` was clipped to the possible range (false for tests that never clip). */
export function intervalClipped(inference: DifferenceInference, level: number): boolean {
  if (!('unclippedInterval' in inference)) return false;
  const clipped = inference as ClippedInference;
  const [lower, upper] = clipped.unclippedInterval(level);
  return lower < clipped.range[0] || upper > clipped.range[1];
}
