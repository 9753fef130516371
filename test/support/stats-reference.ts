import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

/** The committed output of scripts/stats-fixtures/compute-reference-values.py (SciPy/statsmodels). */
type Pair = [number, number];

export interface Reference {
  seeded_random: { seed: number; first_uint32: number[] };
  normal: {
    cdf: { z: number; cdf: number; survival: number }[];
    quantile: { p: number; z: number }[];
    log_gamma: { x: number; value: number }[];
  };
  wilson: { successes: number; n: number; ci95: Pair }[];
  mcnemar: { a_only: number; b_only: number; p_value: number }[];
  holm: { p_values: number[]; adjusted: number[] }[];
  two_proportion: {
    p_a: number;
    n_a: number;
    p_b: number;
    n_b: number;
    z: number;
    p_value: number;
    ci95: Pair;
  }[];
  clustered: { values: number[]; clusters: string[]; mean: number; standard_error: number; ci95: Pair }[];
  paired_difference: {
    a: number[];
    b: number[];
    groups: string[];
    micro: { value: number; ci95: Pair };
    macro: { value: number; ci95: Pair };
  };
  pass_at_k: {
    problems: { samples: number; correct: number }[];
    cases: { k: number; seed: number; resamples: number; value: number; ci95: Pair; per_problem: number[] }[];
  };
  permutation: {
    exact: { a: number[]; b: number[]; p_value: number };
    monte_carlo: { differences: number[]; seed: number; resamples: number; p_value: number };
  };
  sample_size: {
    kind: 'binary' | 'graded';
    difference: number;
    discordance?: number;
    difference_sd?: number;
    power: number;
    level: number;
    n: number;
  }[];
  confidence_sequence: {
    name: string;
    differences: number[];
    lower: number;
    upper: number;
    planned_items: number | null;
    alpha: number;
    ci_low: number[];
    ci_high: number[];
  }[];
  routellm_mmlu: {
    a_model: string;
    b_model: string;
    n_paired: number;
    a_value: number;
    b_value: number;
    a_ci95: Pair;
    b_ci95: Pair;
    difference: number;
    ci95: Pair;
    a_only: number;
    b_only: number;
    mcnemar_p_value: number;
    discordance: number;
    a_ci95_by_subject: Pair;
    exact_conditional_ci95: Pair;
    tango_ci90: Pair;
  } | null;
  per_run: PerRunReference;
  equivalence: EquivalenceReference;
  power: PowerReference;
}

/** TOST and the interval of each test (docs/decisions/0045-equivalence-margins.md). */
export interface EquivalenceReference {
  paired_binary: {
    a_only: number;
    b_only: number;
    n: number;
    margin: number;
    mcnemar_exact: { p_value: number; ci95: Pair };
    tango: {
      z_at_minus_margin: number;
      z_at_margin: number;
      z_at_zero: number;
      p_larger: number;
      p_smaller: number;
      tost_p: number;
      ci90: Pair;
      ci95: Pair;
    };
  }[];
  paired_means: {
    a: number[];
    b: number[];
    margin: number;
    tost_p: number;
    p_larger: number;
    p_smaller: number;
    t_test_p: number;
    ci90: Pair;
    ci95: Pair;
  }[];
  two_proportions: {
    p_a: number;
    n_a: number;
    p_b: number;
    n_b: number;
    margin: number;
    p_larger: number;
    p_smaller: number;
    tost_p: number;
    test_p: number;
    ci90: Pair;
    ci95: Pair;
  }[];
  distributions: {
    binomial: { k: number; n: number; p: number; cdf: number; sf: number }[];
    clopper_pearson: { successes: number; n: number; level: number; interval: Pair }[];
    student_t: { t: number; df: number; cdf: number; sf: number }[];
    student_t_quantile: { p: number; df: number; t: number }[];
  };
}

export interface PowerReference {
  mcnemar_exact: {
    difference: number;
    discordance: number;
    level: number;
    target_power: number;
    connor_n: number;
    power_at_connor_n: number;
    power_at_120pct: number;
    n_120pct: number;
  }[];
  tango_equivalence: {
    n: number;
    discordance: number;
    difference: number;
    margin: number;
    level: number;
    power: number;
  }[];
}

interface ClusteredFit {
  value: number;
  standard_error: number;
  ci95: Pair;
}

/** Per-run intervals with clustered units (docs/decisions/0043-per-run-intervals.md). */
export interface PerRunReference {
  mtbench: {
    turns: { question: string; turn: number; group: string; rating: number }[];
    score: ClusteredFit;
    score_turn1: { value: number; ci95: Pair };
    groups: Record<string, ClusteredFit>;
  };
  ifeval: { prompts: { id: string; followed: number; given: number }[]; instruction: ClusteredFit };
  code: {
    samples: number[][];
    pass1: ClusteredFit;
    pass3: { seed: number; resamples: number; value: number; ci95: Pair };
  };
  mmlu: {
    items: { id: string; group: string; value: number }[];
    micro_by_subject: ClusteredFit;
    sampled: { id: string; group: string; values: number[] }[];
    macro_clustered: { value: number; ci95: Pair };
  };
}

export const statsReference = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../scripts/stats-fixtures/reference-values.json'), 'utf8'),
) as Reference;

/**
 * Equal to `relative` (default 1e-6) relative, with an absolute floor of relative/1000 near 0: within 1e-6
 * absolutely for values ≤ 1 by default. Closed-form and series computations are checked at 1e-11 (`expectPrecise`);
 * the default is for results of numerical root finding (quantiles by iteration, restricted MLEs), which agree with
 * SciPy's to about 1e-8.
 */
export function expectClose(actual: number, expected: number, label = '', relative = 1e-6): void {
  const tolerance = relative * Math.abs(expected) + relative * 1e-3;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(
      `${label}: expected ${expected}, got ${actual} (|difference| ${Math.abs(actual - expected)})`,
    );
  }
}

export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  label = '',
  relative = 1e-6,
): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, index) =>
    expectClose(value, expected[index] ?? Number.NaN, `${label}[${index}]`, relative),
  );
}

/** expectClose at 1e-11 relative: what double precision leaves of SciPy's closed forms and series. */
export function expectPrecise(actual: number, expected: number, label = ''): void {
  expectClose(actual, expected, label, 1e-11);
}

/** expectAllClose at 1e-11 relative. */
export function expectAllPrecise(actual: readonly number[], expected: readonly number[], label = ''): void {
  expectAllClose(actual, expected, label, 1e-11);
}
