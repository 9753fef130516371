import type { DifferenceInference } from '../stats/difference-inference.ts';
import { nonInferiorityPValue, tostPValue, twoSidedPValue } from '../stats/difference-inference.ts';
import { intervalClipped } from '../stats/clipped-inference.ts';
import { holmAdjust, holmLevels } from '../stats/holm-adjust.ts';
import type { Comparison, ComparisonVerdict } from './compare-runs.ts';

/** `parity compare --margin`: how close is close enough, and which question is asked. */
export interface MarginOptions {
  /** Absolute margin as printed: percentage points for proportions (1 = 0.01), raw units for graded; or… */
  readonly points?: number;
  /** …a share of A's value (0.02 = 2% of A's score). */
  readonly relative?: number;
  /** true: "B is not worse than A by more than the margin" (one-sided); else equivalence within ±margin. */
  readonly nonInferiority?: boolean;
}

export type MarginVerdict = 'equivalent' | 'not_worse' | 'different' | 'inconclusive';

export interface VerdictInterval {
  /** Coverage of the interval: 1 − (Holm level) for the difference test, 1 − 2·(Holm level) for margins. */
  readonly level: number;
  readonly bounds: readonly [number, number];
  /** The test the interval inverts. */
  readonly method: string;
  /** The interval reached past the values the difference can take (±1 for proportions) and was clipped. */
  readonly clipped: boolean;
}

export interface MarginDecision {
  readonly mode: 'equivalence' | 'non_inferiority';
  /** The margin in the metric's units. */
  readonly margin: number;
  /** The margin as a share of A's value, when given with --margin-relative. */
  readonly relative: number | null;
  readonly test: { readonly name: string; readonly pValue: number; readonly pAdjusted: number };
  readonly interval: VerdictInterval;
  readonly verdict: MarginVerdict;
  /** 'different': which side is better. */
  readonly better: 'a' | 'b' | null;
  /**
   * 'inconclusive': items (per model) at which the verdict would likely be reached if the observed difference
   * and spread held — the fewer of what equivalence (or non-inferiority) and a difference would need.
   */
  readonly itemsNeeded: number | null;
}

export interface DecidedComparison extends Comparison {
  readonly test: Comparison['test'] & { readonly pAdjusted: number };
  readonly verdict: ComparisonVerdict;
  /** The interval that goes with `verdict`: the test's own method at its Holm level. */
  readonly verdictInterval: VerdictInterval;
  readonly margin: MarginDecision | null;
}

function interval(inference: DifferenceInference, level: number): VerdictInterval {
  return {
    level,
    bounds: inference.interval(level),
    method: inference.method,
    clipped: intervalClipped(inference, level),
  };
}

/**
 * Items at which the comparison would likely be decided if the estimate and its spread held: the smallest n
 * for which the same tests, on `scaled` copies (counts scaled, standard error / √factor), reach a verdict at
 * the levels used now — equivalence (or non-inferiority) or a difference, whichever comes first. Null when
 * nothing would decide it (an estimate exactly on the margin) within a million times the items.
 */
function itemsNeeded(options: {
  comparison: Comparison;
  margin: number;
  nonInferiority: boolean;
  marginLevel: number;
  differenceLevel: number;
}): number | null {
  const { comparison, margin } = options;
  const n = comparison.items;
  if (n <= 0) return null;
  const decides = (items: number): boolean => {
    const factor = items / n;
    const marginTest = comparison.marginInference.scaled(factor);
    const marginP = options.nonInferiority
      ? nonInferiorityPValue(marginTest, margin)
      : tostPValue(marginTest, margin);
    if (marginP <= options.marginLevel) return true;
    return (
      comparison.difference.value !== 0 &&
      twoSidedPValue(comparison.inference.scaled(factor)) <= options.differenceLevel
    );
  };
  let low = n;
  let high = n + 1;
  while (!decides(high)) {
    low = high;
    high = Math.ceil(high * 1.5);
    if (high > n * 1_000_000) return null;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (decides(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Holm-adjusts one family of comparisons (everything one `parity compare` shows) and gives each its verdict:
 * A or B better when the adjusted p of "no difference" ≤ `level`, by the sign of the difference, with the
 * interval at that comparison's Holm level (so it excludes 0 exactly when the verdict says better). With a
 * `margin`, the margin tests (TOST, or one-sided for non-inferiority) form a second Holm family, and the
 * headline verdict is equivalent / not_worse when they reject, else different when "no difference" is
 * rejected, else inconclusive with the items that would likely decide it.
 */
export function decideComparisons(
  comparisons: readonly Comparison[],
  options: { level: number; margin?: MarginOptions },
): DecidedComparison[] {
  const pValues = comparisons.map((comparison) => comparison.test.pValue);
  const adjusted = holmAdjust(pValues);
  const levels = holmLevels(pValues, options.level);
  const margins = comparisons.map((comparison) => {
    const margin = options.margin;
    if (!margin) return undefined;
    if (margin.relative !== undefined) return margin.relative * Math.abs(comparison.a.estimate.value);
    if (margin.points === undefined) return undefined;
    return comparison.kind === 'proportion' ? margin.points / 100 : margin.points;
  });
  const marginPValues = comparisons.map((comparison, index) => {
    const margin = margins[index];
    if (margin === undefined) return 1;
    return options.margin?.nonInferiority
      ? nonInferiorityPValue(comparison.marginInference, margin)
      : tostPValue(comparison.marginInference, margin);
  });
  const marginAdjusted = holmAdjust(marginPValues);
  const marginLevels = holmLevels(marginPValues, options.level);
  return comparisons.map((comparison, index) => {
    const pAdjusted = adjusted[index] ?? 1;
    const level = levels[index] ?? options.level;
    const significant = comparison.test.pValue <= level && comparison.difference.value !== 0;
    const verdict: ComparisonVerdict = !significant
      ? 'no_significant_difference'
      : comparison.difference.value > 0
        ? 'a_better'
        : 'b_better';
    const verdictInterval = interval(comparison.inference, 1 - level);
    const margin = margins[index];
    let decision: MarginDecision | null = null;
    if (margin !== undefined && options.margin) {
      const nonInferiority = options.margin.nonInferiority === true;
      const marginLevel = marginLevels[index] ?? options.level;
      const marginP = marginPValues[index] ?? 1;
      const shown = marginP <= marginLevel;
      const marginVerdict: MarginVerdict = shown
        ? nonInferiority
          ? 'not_worse'
          : 'equivalent'
        : significant
          ? 'different'
          : 'inconclusive';
      decision = {
        mode: nonInferiority ? 'non_inferiority' : 'equivalence',
        margin,
        relative: options.margin.relative ?? null,
        test: {
          name: `${nonInferiority ? 'non_inferiority' : 'tost'}_${comparison.marginInference.method}`,
          pValue: marginP,
          pAdjusted: marginAdjusted[index] ?? 1,
        },
        interval: interval(comparison.marginInference, 1 - 2 * marginLevel),
        verdict: marginVerdict,
        better: marginVerdict === 'different' ? (comparison.difference.value > 0 ? 'a' : 'b') : null,
        itemsNeeded:
          marginVerdict === 'inconclusive'
            ? itemsNeeded({
                comparison,
                margin,
                nonInferiority,
                marginLevel,
                differenceLevel: level,
              })
            : null,
      };
    }
    return {
      ...comparison,
      test: { ...comparison.test, pAdjusted },
      verdict,
      verdictInterval,
      margin: decision,
    };
  });
}
