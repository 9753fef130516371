import type { DecidedComparison, VerdictInterval } from '../analysis/decide-comparisons.ts';

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

export interface ComparisonJson {
  benchmark: string | null;
  protocol: string | null;
  metric: string;
  paired: boolean;
  n_paired: number | null;
  unpaired_items: { a: number; b: number } | null;
  a: {
    run_id: string | null;
    model: string;
    value: number | null;
    ci95: [number | null, number | null];
    n: number;
  };
  b: {
    run_id: string | null;
    model: string;
    value: number | null;
    ci95: [number | null, number | null];
    n: number;
  };
  difference: { value: number | null; ci95: [number | null, number | null] };
  test: {
    name: string;
    p_value: number;
    p_adjusted: number;
    discordant?: { a_only: number; b_only: number };
    df?: number;
  };
  /** The interval that goes with `verdict` (the test's own method, at its Holm level). */
  interval: IntervalJson;
  verdict: string;
  /** Items whose content differs between the runs (left out with --allow-mismatched-items). */
  mismatched_items: number;
  /** With --margin: the margin test, its interval and the headline verdict. */
  margin?: {
    mode: 'equivalence' | 'non_inferiority';
    value: number;
    relative: number | null;
    test: { name: string; p_value: number; p_adjusted: number };
    interval: IntervalJson;
    verdict: string;
    better: 'a' | 'b' | null;
    items_needed: number | null;
  };
}

export interface IntervalJson {
  level: number;
  bounds: [number | null, number | null];
  method: string;
  /** Present (true) when the interval reached past ±1 for a difference of proportions and was clipped. */
  clipped?: true;
}

function intervalJson(interval: VerdictInterval): IntervalJson {
  return {
    level: interval.level,
    bounds: [finite(interval.bounds[0]), finite(interval.bounds[1])],
    method: interval.method,
    ...(interval.clipped ? { clipped: true as const } : {}),
  };
}

/**
 * The `parity compare --json` shape (docs/cli.md), extended with intervals for a and b, test details, the
 * verdict's interval and, with --margin, the margin test and its verdict.
 */
export function compareReportJson(
  comparisons: readonly DecidedComparison[],
  options: { level: number },
): { level: number; comparisons: ComparisonJson[] } {
  return {
    level: options.level,
    comparisons: comparisons.map((comparison) => {
      const side = (which: DecidedComparison['a']): ComparisonJson['a'] => ({
        run_id: which.runId,
        model: which.model,
        value: finite(which.estimate.value),
        ci95: [finite(which.estimate.ci95[0]), finite(which.estimate.ci95[1])],
        n: which.estimate.n,
      });
      const test = comparison.test;
      return {
        benchmark: comparison.benchmark,
        protocol: comparison.protocol,
        metric: comparison.metric,
        paired: comparison.paired,
        n_paired: comparison.nPaired,
        unpaired_items: comparison.unpairedItems ? { ...comparison.unpairedItems } : null,
        a: side(comparison.a),
        b: side(comparison.b),
        difference: {
          value: finite(comparison.difference.value),
          ci95: [finite(comparison.difference.ci95[0]), finite(comparison.difference.ci95[1])],
        },
        test: {
          name: test.name,
          p_value: test.pValue,
          p_adjusted: test.pAdjusted,
          ...(test.discordant
            ? { discordant: { a_only: test.discordant.aOnly, b_only: test.discordant.bOnly } }
            : {}),
          ...(test.df === undefined ? {} : { df: test.df }),
        },
        interval: intervalJson(comparison.verdictInterval),
        verdict: comparison.verdict,
        mismatched_items: comparison.mismatchedItems,
        ...(comparison.margin
          ? {
              margin: {
                mode: comparison.margin.mode,
                value: comparison.margin.margin,
                relative: comparison.margin.relative,
                test: {
                  name: comparison.margin.test.name,
                  p_value: comparison.margin.test.pValue,
                  p_adjusted: comparison.margin.test.pAdjusted,
                },
                interval: intervalJson(comparison.margin.interval),
                verdict: comparison.margin.verdict,
                better: comparison.margin.better,
                items_needed: comparison.margin.itemsNeeded,
              },
            }
          : {}),
      };
    }),
  };
}
