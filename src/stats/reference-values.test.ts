// Every statistic against values computed independently with SciPy/statsmodels by
// scripts/stats-fixtures/compute-reference-values.py (committed JSON; no Python needed here), to 1e-11 relative:
// a computation that loses accuracy (a series cut short, a refinement step skipped) fails here.
import { describe, expect, it } from 'vitest';
import {
  expectAllPrecise as expectAllClose,
  expectPrecise as expectClose,
  statsReference as reference,
} from '../../test/support/stats-reference.ts';
import { bootstrapInterval } from './bootstrap-interval.ts';
import { clusteredMeanEstimate } from './clustered-mean-estimate.ts';
import { createConfidenceSequence } from './confidence-sequence.ts';
import { holmAdjust } from './holm-adjust.ts';
import { logGamma } from './log-gamma.ts';
import { mcnemarExactTest } from './mcnemar-exact-test.ts';
import { normalCdf, normalQuantile, normalSurvival } from './normal-distribution.ts';
import { pairedDifference } from './paired-difference.ts';
import { pairedPermutationTest } from './paired-permutation-test.ts';
import { pairedBinarySampleSize, pairedMeanSampleSize } from './paired-sample-size.ts';
import { passAtK, passAtKEstimate } from './pass-at-k.ts';
import { twoProportionZTest } from './two-proportion-z-test.ts';
import { wilsonInterval } from './wilson-interval.ts';

describe('normal distribution and log-gamma (scipy.stats.norm, scipy.special.gammaln)', () => {
  it('matches cdf, survival and quantile', () => {
    for (const point of reference.normal.cdf) {
      expectClose(normalCdf(point.z), point.cdf, `cdf(${point.z})`);
      expectClose(normalSurvival(point.z), point.survival, `sf(${point.z})`);
    }
    for (const point of reference.normal.quantile)
      expectClose(normalQuantile(point.p), point.z, `ppf(${point.p})`);
  });

  it('matches ln Γ', () => {
    for (const point of reference.normal.log_gamma)
      expectClose(logGamma(point.x), point.value, `lgamma(${point.x})`);
  });
});

describe('Wilson interval (statsmodels proportion_confint wilson)', () => {
  it('matches', () => {
    for (const entry of reference.wilson) {
      expectAllClose(
        wilsonInterval({ successes: entry.successes, n: entry.n }),
        entry.ci95,
        `${entry.successes}/${entry.n}`,
      );
    }
  });
});

describe('exact McNemar (statsmodels mcnemar exact=True)', () => {
  it('matches, tiny p-values included (relative 1e-6)', () => {
    for (const entry of reference.mcnemar) {
      const result = mcnemarExactTest({ aOnly: entry.a_only, bOnly: entry.b_only });
      expectClose(result.pValue, entry.p_value, `${entry.a_only}/${entry.b_only}`);
    }
  });
});

describe('Holm (statsmodels multipletests holm)', () => {
  it('matches', () => {
    for (const family of reference.holm) expectAllClose(holmAdjust(family.p_values), family.adjusted, 'holm');
  });
});

describe('two-proportion z-test (statsmodels proportions_ztest, confint_proportions_2indep wald)', () => {
  it('matches', () => {
    for (const entry of reference.two_proportion) {
      const result = twoProportionZTest({
        proportionA: entry.p_a,
        nA: entry.n_a,
        proportionB: entry.p_b,
        nB: entry.n_b,
      });
      expectClose(result.z, entry.z, 'z');
      expectClose(result.pValue, entry.p_value, 'p');
      expectAllClose(result.ci, entry.ci95, 'ci');
    }
  });
});

describe('clustered standard errors (statsmodels OLS cov_type=cluster)', () => {
  it('matches', () => {
    for (const entry of reference.clustered) {
      const estimate = clusteredMeanEstimate(entry.values, { clusters: entry.clusters });
      expectClose(estimate.value, entry.mean, 'mean');
      expectClose(estimate.standardError, entry.standard_error, 'se');
      expectAllClose(estimate.ci95, entry.ci95, 'ci');
    }
  });

  it('equals s/√n when every item is its own cluster', () => {
    const values = [1, 0, 1, 1, 0, 1];
    const mean = 4 / 6;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 5);
    expect(clusteredMeanEstimate(values).standardError).toBeCloseTo(sd / Math.sqrt(6), 14);
  });
});

describe('paired difference', () => {
  const entry = reference.paired_difference;
  it('micro: matches mean ± z·s_d/√n', () => {
    const result = pairedDifference({ a: entry.a, b: entry.b });
    expectClose(result.value, entry.micro.value, 'value');
    expectAllClose(result.ci95, entry.micro.ci95, 'ci');
  });
  it('macro: matches the stratified interval', () => {
    const result = pairedDifference({
      a: entry.a,
      b: entry.b,
      aggregate: 'group-mean',
      groups: entry.groups,
    });
    expectClose(result.value, entry.macro.value, 'value');
    expectAllClose(result.ci95, entry.macro.ci95, 'ci');
  });
});

describe('pass@k and the seeded percentile bootstrap (scipy.special.comb, numpy.percentile)', () => {
  const problems = reference.pass_at_k.problems.map((problem) => ({
    n: problem.samples,
    correct: problem.correct,
  }));
  for (const entry of reference.pass_at_k.cases) {
    it(`pass@${entry.k}`, () => {
      const perProblem = problems.map((problem) => passAtK({ ...problem, k: entry.k }));
      expectAllClose(perProblem, entry.per_problem, 'per problem');
      const estimate = passAtKEstimate(problems, {
        k: entry.k,
        seed: entry.seed,
        resamples: entry.resamples,
      });
      expectClose(estimate.value, entry.value, 'value');
      expectAllClose(estimate.ci95, entry.ci95, 'ci');
      expect(estimate).toMatchObject({ n: 25, method: 'bootstrap-percentile' });
    });
  }

  it('is reproducible for a seed and different across seeds', () => {
    const options = {
      units: [1, 2, 3, 4, 5, 9],
      statistic: (sample: readonly number[]) => sample.reduce((sum, value) => sum + value, 0) / sample.length,
    };
    expect(bootstrapInterval({ ...options, seed: 3 })).toEqual(bootstrapInterval({ ...options, seed: 3 }));
    expect(bootstrapInterval({ ...options, seed: 3, resamples: 50 }).ci).not.toEqual(
      bootstrapInterval({ ...options, seed: 4, resamples: 50 }).ci,
    );
  });
});

describe('paired permutation test', () => {
  it('exact: matches scipy permutation_test(permutation_type="samples")', () => {
    const { a, b, p_value } = reference.permutation.exact;
    const result = pairedPermutationTest(a.map((value, index) => value - (b[index] ?? 0)));
    expect(result.exact).toBe(true);
    expectClose(result.pValue, p_value, 'p');
  });
  it('Monte Carlo: matches the seeded reference', () => {
    const { differences, seed, resamples, p_value } = reference.permutation.monte_carlo;
    const result = pairedPermutationTest(differences, { seed, resamples });
    expect(result.exact).toBe(false);
    expectClose(result.pValue, p_value, 'p');
  });
});

describe('sample size for a paired comparison (Connor 1987; scipy norm.ppf)', () => {
  it('matches', () => {
    for (const entry of reference.sample_size) {
      const n =
        entry.kind === 'binary'
          ? pairedBinarySampleSize({
              difference: entry.difference,
              discordance: entry.discordance ?? 0,
              power: entry.power,
              level: entry.level,
            })
          : pairedMeanSampleSize({
              difference: entry.difference,
              differenceSd: entry.difference_sd ?? 0,
              power: entry.power,
              level: entry.level,
            });
      expect(n).toBe(entry.n);
    }
  });
});

describe('confidence sequence (Waudby-Smith & Ramdas 2024, Theorem 2, written independently in numpy)', () => {
  for (const entry of reference.confidence_sequence) {
    it(entry.name, () => {
      const sequence = createConfidenceSequence({
        alpha: entry.alpha,
        lower: entry.lower,
        upper: entry.upper,
        ...(entry.planned_items === null ? {} : { plannedItems: entry.planned_items }),
      });
      const lows: number[] = [];
      const highs: number[] = [];
      for (const difference of entry.differences) {
        const state = sequence.observe(difference);
        lows.push(state.ci[0]);
        highs.push(state.ci[1]);
      }
      expectAllClose(lows, entry.ci_low, 'low');
      expectAllClose(highs, entry.ci_high, 'high');
    });
  }
});
