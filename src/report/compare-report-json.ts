import type { DecidedComparison } from './compare-runs.ts';

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
    resamples?: number;
    exact?: boolean;
  };
  verdict: string;
}

/** The `parity compare --json` shape (CONTRACT.md), extended with intervals for a and b and test details. */
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
          ...(test.resamples === undefined ? {} : { resamples: test.resamples }),
          ...(test.exact === undefined ? {} : { exact: test.exact }),
        },
        verdict: comparison.verdict,
      };
    }),
  };
}
