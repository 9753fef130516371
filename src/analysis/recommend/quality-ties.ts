import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { QualityFigure } from '../../cost/quality.ts';
import type { MetricSpec } from '../../spec/index.ts';
import { holmAdjust } from '../../stats/holm-adjust.ts';
import { twoSidedNormalPValue } from '../../stats/normal-distribution.ts';
import { twoProportionZTest } from '../../stats/two-proportion-z-test.ts';
import { Z_95 } from '../../stats/wilson-interval.ts';
import { compareRuns, type ComparableRun } from '../compare-runs.ts';

/** A stored eval run behind a measured quality figure, with the metric the figure reports. */
export interface MeasuredRun {
  readonly run: ComparableRun;
  readonly metric: MetricSpec;
}

/** Paired tests are those of `parity compare` (compare-runs.ts); the unpaired ones are this file's own. */
export type QualityTestName =
  | 'mcnemar_exact'
  | 'paired_t'
  | 'stratified_z'
  | 'clustered_z'
  | 'two_proportion_wald_unpaired'
  | 'two_proportion_z_unpaired'
  | 'interval_z_unpaired';

export type QualityVerdict = 'tied' | 'a_better' | 'b_better';

export interface QualitySide {
  readonly model: string;
  readonly runId: string;
  /** Over the paired items for a paired comparison, else the run's figure. */
  readonly value: number;
  readonly ci95?: readonly [number, number];
  readonly n?: number;
}

export interface QualityComparison {
  readonly benchmark: string;
  /** The model ranked first (cheaper) and the one after it. */
  readonly a: QualitySide;
  readonly b: QualitySide;
  readonly paired: boolean;
  readonly nPaired: number | null;
  /** A − B with its 95% interval; `clipped` when the interval reached past ±1 for proportions and was clipped. */
  readonly difference: {
    readonly value: number;
    readonly ci95: readonly [number, number];
    readonly clipped?: boolean;
  };
  readonly test: {
    readonly name: QualityTestName;
    readonly pValue: number;
    /** Holm-adjusted across every comparison of one `parity recommend`. */
    readonly pAdjusted: number;
    readonly discordant?: { readonly aOnly: number; readonly bOnly: number };
  };
  readonly verdict: QualityVerdict;
}

export interface QualityTies {
  readonly level: number;
  readonly comparisons: readonly QualityComparison[];
  /** Published (catalog) figures: labelled, never declared tied or different. */
  readonly notTested: readonly { readonly benchmark: string; readonly model: string }[];
}

type Untested = Omit<QualityComparison, 'test' | 'verdict'> & {
  readonly test: Omit<QualityComparison['test'], 'pAdjusted'>;
};

/** The first figure of each distinct model for `benchmark`, in ranking order. */
function figuresByModel(candidates: readonly TcoCandidate[], benchmark: string): Map<string, QualityFigure> {
  const figures = new Map<string, QualityFigure>();
  for (const candidate of candidates) {
    const figure = candidate.quality.find((entry) => entry.benchmark === benchmark);
    if (figure && !figures.has(candidate.model)) figures.set(candidate.model, figure);
  }
  return figures;
}

function pairedTest(options: {
  benchmark: string;
  models: readonly [string, string];
  runs: readonly [MeasuredRun, MeasuredRun];
  seed?: number;
  resamples?: number;
}): Untested | undefined {
  const [runA, runB] = options.runs;
  if (runA.run.config.protocol !== runB.run.config.protocol) return undefined;
  const comparison = compareRuns({
    a: runA.run,
    b: runB.run,
    metric: runA.metric,
    // Stryker disable next-line all: compareRuns takes no seed or resamples (no resampling test): nothing reads them
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    // Stryker disable next-line all: as above
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
  });
  if (!comparison.nPaired) return undefined;
  const side = (model: string, estimate: typeof comparison.a.estimate, runId: string): QualitySide => ({
    model,
    runId,
    value: estimate.value,
    ci95: estimate.ci95,
    n: estimate.n,
  });
  return {
    benchmark: options.benchmark,
    a: side(options.models[0], comparison.a.estimate, runA.run.runId),
    b: side(options.models[1], comparison.b.estimate, runB.run.runId),
    paired: true,
    nPaired: comparison.nPaired,
    difference: {
      value: comparison.difference.value,
      ci95: comparison.difference.ci95,
      ...(comparison.difference.clipped ? { clipped: true } : {}),
    },
    test: {
      name: comparison.test.name,
      pValue: comparison.test.pValue,
      ...(comparison.test.discordant ? { discordant: comparison.test.discordant } : {}),
    },
  };
}

/**
 * Two independent figures: the two-proportion z-test on value and n for proportions, else a z-test on the
 * difference with each side's standard error taken from its 95% interval. Undefined when neither applies.
 */
function unpairedTest(options: {
  benchmark: string;
  a: QualitySide;
  b: QualitySide;
  kind: MetricSpec['kind'] | undefined;
}): Untested | undefined {
  const { a, b } = options;
  const base = { benchmark: options.benchmark, a, b, paired: false, nPaired: null };
  if (options.kind !== 'graded' && a.n && b.n && [a.value, b.value].every((v) => v >= 0 && v <= 1)) {
    const result = twoProportionZTest({ proportionA: a.value, nA: a.n, proportionB: b.value, nB: b.n });
    // A difference of proportions lies in [-1, 1]; the Wald interval can reach past it on few items.
    const ci95: [number, number] = [Math.max(-1, result.ci[0]), Math.min(1, result.ci[1])];
    return {
      ...base,
      difference: {
        value: result.difference,
        ci95,
        ...(ci95[0] !== result.ci[0] || ci95[1] !== result.ci[1] ? { clipped: true } : {}),
      },
      test: { name: 'two_proportion_z_unpaired', pValue: result.pValue },
    };
  }
  if (!a.ci95 || !b.ci95) return undefined;
  const se = Math.hypot((a.ci95[1] - a.ci95[0]) / (2 * Z_95), (b.ci95[1] - b.ci95[0]) / (2 * Z_95));
  const value = a.value - b.value;
  const pValue = se > 0 ? twoSidedNormalPValue(value / se) : value === 0 ? 1 : 0;
  return {
    ...base,
    difference: { value, ci95: [value - Z_95 * se, value + Z_95 * se] },
    test: { name: 'interval_z_unpaired', pValue },
  };
}

/**
 * Pairwise tests of the measured quality of the ranked candidates' distinct models, per benchmark of the
 * workload's floors. Paired (compareRuns: exact McNemar for 0/1 scores, else the paired t-test)
 * when both runs have the same protocol and share scored items; otherwise unpaired (`unpairedTest`).
 * P-values are Holm-adjusted across all comparisons; a pair is `tied` unless the adjusted p ≤ `level`.
 * Published catalog figures are listed in `notTested`, never compared.
 */
export function compareCandidateQuality(options: {
  candidates: readonly TcoCandidate[];
  runs: ReadonlyMap<string, MeasuredRun>;
  level?: number;
  seed?: number;
  resamples?: number;
}): QualityTies {
  const level = options.level ?? 0.05;
  const benchmarks = [
    ...new Set(options.candidates.flatMap((candidate) => candidate.quality.map((f) => f.benchmark))),
  ];
  const tests: Untested[] = [];
  const notTested: { benchmark: string; model: string }[] = [];
  for (const benchmark of benchmarks) {
    const measured: [string, QualityFigure][] = [];
    for (const [model, figure] of figuresByModel(options.candidates, benchmark)) {
      if (figure.basis === 'measured' && figure.runId) measured.push([model, figure]);
      else notTested.push({ benchmark, model });
    }
    measured.forEach(([modelA, figureA], index) => {
      for (const [modelB, figureB] of measured.slice(index + 1)) {
        const runA = options.runs.get(figureA.runId ?? '');
        const runB = options.runs.get(figureB.runId ?? '');
        const paired =
          runA && runB
            ? pairedTest({
                benchmark,
                models: [modelA, modelB],
                runs: [runA, runB],
                // Stryker disable next-line all: passed on to compareRuns, which reads no seed (see pairedTest)
                ...(options.seed === undefined ? {} : { seed: options.seed }),
                // Stryker disable next-line all: as above
                ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
              })
            : undefined;
        const side = (model: string, figure: QualityFigure): QualitySide => ({
          model,
          runId: figure.runId ?? '',
          value: figure.value,
          ...(figure.ci95 ? { ci95: figure.ci95 } : {}),
          ...(figure.n === undefined ? {} : { n: figure.n }),
        });
        const test =
          paired ??
          unpairedTest({
            benchmark,
            a: side(modelA, figureA),
            b: side(modelB, figureB),
            kind: runA?.metric.kind ?? runB?.metric.kind,
          });
        if (test) tests.push(test);
      }
    });
  }
  const adjusted = holmAdjust(tests.map((test) => test.test.pValue));
  const comparisons = tests.map((test, index): QualityComparison => {
    const pAdjusted = adjusted[index] ?? 1;
    const different = pAdjusted <= level && test.difference.value !== 0;
    return {
      ...test,
      test: { ...test.test, pAdjusted },
      // Stryker disable next-line EqualityOperator: `different` already excludes a difference of 0, where > and >= part
      verdict: !different ? 'tied' : test.difference.value > 0 ? 'a_better' : 'b_better',
    };
  });
  return { level, comparisons, notTested };
}

/** The models `model` is tied with, and on which benchmark. */
export function tiedWith(
  ties: QualityTies | undefined,
  model: string,
): { model: string; benchmark: string }[] {
  return (ties?.comparisons ?? [])
    .filter((comparison) => comparison.verdict === 'tied')
    .flatMap((comparison) =>
      comparison.a.model === model
        ? [{ model: comparison.b.model, benchmark: comparison.benchmark }]
        : comparison.b.model === model
          ? [{ model: comparison.a.model, benchmark: comparison.benchmark }]
          : [],
    );
}
