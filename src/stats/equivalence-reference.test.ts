// TOST, the interval that goes with each test, and exact power, against values computed independently with
// SciPy/statsmodels by scripts/stats-fixtures/compute-reference-values.py (committed JSON; no Python here).
import { describe, expect, it } from 'vitest';
import {
  expectAllClose,
  expectClose,
  statsReference as reference,
} from '../../test/support/stats-reference.ts';
import { binomialCdf, binomialSurvival } from './binomial-distribution.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';
import { tostPValue, twoSidedPValue } from './difference-inference.ts';
import { pairedTInference, waldTwoProportionInference } from './location-inference.ts';
import { mcnemarExactPower } from './mcnemar-exact-power.ts';
import {
  mcnemarExactInference,
  tangoScoreInference,
  tangoScoreStatistic,
} from './paired-binary-inference.ts';
import { pairedBinarySampleSize } from './paired-sample-size.ts';
import { studentTCdf, studentTQuantile, studentTSurvival } from './student-t-distribution.ts';
import { tangoEquivalencePower } from './tango-equivalence-power.ts';

const equivalence = reference.equivalence;

describe('distributions (scipy.stats binom, t; statsmodels proportion_confint beta)', () => {
  it('binomial tails', () => {
    for (const entry of equivalence.distributions.binomial) {
      expectClose(binomialCdf(entry.k, entry.n, entry.p), entry.cdf, `cdf ${entry.k}/${entry.n}`);
      expectClose(binomialSurvival(entry.k, entry.n, entry.p), entry.sf, `sf ${entry.k}/${entry.n}`);
    }
  });

  it('Clopper–Pearson interval', () => {
    for (const entry of equivalence.distributions.clopper_pearson) {
      expectAllClose(
        clopperPearsonInterval({ successes: entry.successes, n: entry.n, level: entry.level }),
        entry.interval,
        `${entry.successes}/${entry.n}`,
      );
    }
  });

  it("Student's t cdf, survival and quantile", () => {
    for (const entry of equivalence.distributions.student_t) {
      expectClose(studentTCdf(entry.t, entry.df), entry.cdf, `cdf(${entry.t}; ${entry.df})`);
      expectClose(studentTSurvival(entry.t, entry.df), entry.sf, `sf(${entry.t}; ${entry.df})`);
    }
    for (const entry of equivalence.distributions.student_t_quantile)
      expectClose(studentTQuantile(entry.p, entry.df), entry.t, `ppf(${entry.p}; ${entry.df})`);
  });
});

describe('paired 0/1: exact McNemar with its interval, Tango score TOST', () => {
  it('exact McNemar p and the conditional exact interval (Clopper–Pearson of the discordant split)', () => {
    for (const entry of equivalence.paired_binary) {
      const inference = mcnemarExactInference({ aOnly: entry.a_only, bOnly: entry.b_only, n: entry.n });
      const label = `${entry.a_only}/${entry.b_only} of ${entry.n}`;
      expectClose(twoSidedPValue(inference), entry.mcnemar_exact.p_value, label);
      expectAllClose(inference.interval(0.95), entry.mcnemar_exact.ci95, label);
    }
  });

  it('Tango score statistic, TOST p-values and score intervals (RMLE found numerically in the script)', () => {
    for (const entry of equivalence.paired_binary) {
      const counts = { aOnly: entry.a_only, bOnly: entry.b_only, n: entry.n };
      const label = `${entry.a_only}/${entry.b_only} of ${entry.n} ±${entry.margin}`;
      expectClose(tangoScoreStatistic(counts, -entry.margin), entry.tango.z_at_minus_margin, label);
      expectClose(tangoScoreStatistic(counts, entry.margin), entry.tango.z_at_margin, label);
      expectClose(tangoScoreStatistic(counts, 0), entry.tango.z_at_zero, label);
      const inference = tangoScoreInference(counts);
      expectClose(inference.pGreater(-entry.margin), entry.tango.p_larger, label);
      expectClose(inference.pLess(entry.margin), entry.tango.p_smaller, label);
      expectClose(tostPValue(inference, entry.margin), entry.tango.tost_p, label);
      expectAllClose(inference.interval(0.9), entry.tango.ci90, label);
      expectAllClose(inference.interval(0.95), entry.tango.ci95, label);
    }
  });

  it('the interval printed with the exact McNemar verdict never contradicts it (5 vs 0 of 30)', () => {
    // The reported defect: CI [+14.59, +76.32] printed beside p = 0.0625, "no significant difference".
    const inference = mcnemarExactInference({ aOnly: 5, bOnly: 0, n: 30 });
    expect(twoSidedPValue(inference)).toBeCloseTo(0.0625, 10);
    const [low, high] = inference.interval(0.95);
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0);
    for (let aOnly = 0; aOnly <= 40; aOnly += 1) {
      for (const bOnly of [0, 1, 3, 9, 20]) {
        const each = mcnemarExactInference({ aOnly, bOnly, n: 200 });
        const interval = each.interval(0.95);
        const excludesZero = interval[0] > 0 || interval[1] < 0;
        expect(excludesZero, `${aOnly}/${bOnly}`).toBe(twoSidedPValue(each) < 0.05);
      }
    }
  });
});

describe('paired means: paired t-test and TOST (scipy ttest_rel, statsmodels ttost_paired)', () => {
  it('matches', () => {
    for (const entry of equivalence.paired_means) {
      const inference = pairedTInference(entry.a.map((value, index) => value - (entry.b[index] ?? 0)));
      const label = `${entry.a.length} pairs ±${entry.margin}`;
      expectClose(twoSidedPValue(inference), entry.t_test_p, label);
      expectClose(inference.pGreater(-entry.margin), entry.p_larger, label);
      expectClose(inference.pLess(entry.margin), entry.p_smaller, label);
      expectClose(tostPValue(inference, entry.margin), entry.tost_p, label);
      expectAllClose(inference.interval(0.9), entry.ci90, label);
      expectAllClose(inference.interval(0.95), entry.ci95, label);
    }
  });
});

describe('two independent proportions: Wald test and TOST (statsmodels *_proportions_2indep, wald)', () => {
  it('matches', () => {
    for (const entry of equivalence.two_proportions) {
      const inference = waldTwoProportionInference({
        proportionA: entry.p_a,
        nA: entry.n_a,
        proportionB: entry.p_b,
        nB: entry.n_b,
      });
      const label = `${entry.p_a}/${entry.n_a} vs ${entry.p_b}/${entry.n_b}`;
      expectClose(twoSidedPValue(inference), entry.test_p, label);
      expectClose(inference.pGreater(-entry.margin), entry.p_larger, label);
      expectClose(inference.pLess(entry.margin), entry.p_smaller, label);
      expectClose(tostPValue(inference, entry.margin), entry.tost_p, label);
      expectAllClose(inference.interval(0.9), entry.ci90, label);
      expectAllClose(inference.interval(0.95), entry.ci95, label);
    }
  });
});

describe('exact power (scipy.stats.binom / multinomial sums in the script)', () => {
  it('exact McNemar power, below the target at the normal-approximation n (the reported defect)', () => {
    for (const entry of reference.power.mcnemar_exact) {
      const options = { discordance: entry.discordance, difference: entry.difference, level: entry.level };
      expect(pairedBinarySampleSize({ ...options, power: entry.target_power })).toBe(entry.connor_n);
      const atConnor = mcnemarExactPower({ ...options, n: entry.connor_n });
      expectClose(atConnor, entry.power_at_connor_n, `power at n ${entry.connor_n}`);
      expect(atConnor).toBeLessThan(entry.target_power);
      expectClose(
        mcnemarExactPower({ ...options, n: entry.n_120pct }),
        entry.power_at_120pct,
        `power at n ${entry.n_120pct}`,
      );
    }
  });

  it('Tango TOST power', () => {
    for (const entry of reference.power.tango_equivalence) {
      expectClose(
        tangoEquivalencePower({
          n: entry.n,
          discordance: entry.discordance,
          difference: entry.difference,
          margin: entry.margin,
          level: entry.level,
        }),
        entry.power,
        `n ${entry.n}`,
      );
    }
  });
});
