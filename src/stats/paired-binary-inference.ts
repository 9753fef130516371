import { binomialCdf, binomialSurvival } from './binomial-distribution.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';
import type { DifferenceInference } from './difference-inference.ts';
import { normalCdf, normalQuantile, normalSurvival } from './normal-distribution.ts';

/** Paired 0/1 outcomes over n items: aOnly items only A got right, bOnly items only B got right. */
export interface DiscordantCounts {
  readonly aOnly: number;
  readonly bOnly: number;
  readonly n: number;
}

/** The counts had there been `factor` times the items in the same proportions (rounded). */
function scaledCounts(counts: DiscordantCounts, factor: number): DiscordantCounts {
  return {
    aOnly: Math.round(counts.aOnly * factor),
    bOnly: Math.round(counts.bOnly * factor),
    n: Math.round(counts.n * factor),
  };
}

/**
 * Exact McNemar (McNemar 1947, exact form): conditional on the m = aOnly + bOnly discordant items, aOnly ~
 * Binomial(m, π), and δ = A − B = (m/n)(2π − 1) with the discordance m/n held at its observed value. The
 * one-sided p-values are exact binomial tails at π₀ = (1 + δ₀·n/m)/2 — at δ₀ = 0 the two-sided p is
 * statsmodels `mcnemar(exact=True)` — and the interval is the Clopper–Pearson interval of π mapped to δ, the
 * inversion of the same test: it excludes 0 exactly when the exact McNemar p is below 1 − level. Being
 * conditional on m, it says nothing when no item is discordant (interval [0, 0], p = 1): for equivalence
 * margins use `tangoScoreInference`, which is not conditional.
 */
export function mcnemarExactInference(counts: DiscordantCounts): DifferenceInference {
  const { aOnly, bOnly, n } = counts;
  const m = aOnly + bOnly;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: n = 0 means m = 0, where share is never used
  const share = n > 0 ? m / n : 0;
  const nullSplit = (delta0: number): number => Math.min(1, Math.max(0, (1 + delta0 / share) / 2));
  return {
    method: 'mcnemar_exact',
    estimate: n > 0 ? (aOnly - bOnly) / n : 0,
    scaled: (factor) => mcnemarExactInference(scaledCounts(counts, factor)),
    // Stryker disable next-line ConditionalExpression: at m = 0 the binomial tail P(X ≥ 0) is 1 anyway
    pGreater: (delta0) => (m === 0 ? 1 : binomialSurvival(aOnly, m, nullSplit(delta0))),
    // Stryker disable next-line ConditionalExpression: at m = 0 the binomial tail P(X ≤ 0) of Binomial(0, ·) is 1 anyway
    pLess: (delta0) => (m === 0 ? 1 : binomialCdf(aOnly, m, nullSplit(delta0))),
    interval(level: number): [number, number] {
      if (m === 0) return [0, 0];
      const [low, high] = clopperPearsonInterval({ successes: aOnly, n: m, level });
      return [share * (2 * low - 1), share * (2 * high - 1)];
    },
  };
}

/**
 * Tango's (1998) score statistic for δ = p₁₀ − p₀₁ = δ₀ in a paired 2×2 table (b = aOnly, c = bOnly):
 * z = (b − c − nδ₀) / √(n(2p̃₀₁ + δ₀(1 − δ₀))), p̃₀₁ the restricted maximum-likelihood estimate of p₀₁ under δ₀
 * (closed form: the root of 2n·p² + (−b − c + (2n − b + c)δ₀)·p − c·δ₀(1 − δ₀) = 0). Not conditional on the
 * discordant count, and well behaved with few or no discordant items (Liu et al. 2002, Stat Med 21:231).
 */
export function tangoScoreStatistic(counts: DiscordantCounts, delta0: number): number {
  const { aOnly: b, bOnly: c, n } = counts;
  const numerator = b - c - n * delta0;
  const quadA = 2 * n;
  const quadB = -b - c + (2 * n - b + c) * delta0;
  const quadC = -c * delta0 * (1 - delta0);
  const root = (-quadB + Math.sqrt(Math.max(0, quadB * quadB - 4 * quadA * quadC))) / (2 * quadA);
  const variance = n * (2 * root + delta0 * (1 - delta0));
  if (!(variance > 0)) return numerator === 0 ? 0 : Math.sign(numerator) * Infinity;
  return numerator / Math.sqrt(variance);
}

/** Solves z(δ₀) = target for the decreasing score statistic by bisection over δ₀ in [−1, 1]. */
function solveDecreasing(statistic: (delta0: number) => number, target: number): number {
  let low = -1;
  let high = 1;
  // Either bound alone ends the bisection within 1e-13 (the width halves from 2 each step; 200 steps reach it).
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,AssignmentOperator: changes the last bits only
  for (let step = 0; step < 200 && high - low > 1e-13; step += 1) {
    const middle = (low + high) / 2;
    // Stryker disable next-line EqualityOperator: the statistic equal to the critical value at a midpoint has measure zero
    if (statistic(middle) > target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * Tango's score test and interval for the paired difference of proportions (A − B): one-sided p-values from
 * the normal tail of `tangoScoreStatistic`, interval by inverting it (Tango 1998). Used for equivalence and
 * non-inferiority margins on 0/1 scores.
 */
export function tangoScoreInference(counts: DiscordantCounts): DifferenceInference {
  const statistic = (delta0: number): number => tangoScoreStatistic(counts, delta0);
  return {
    method: 'tango_score',
    estimate: counts.n > 0 ? (counts.aOnly - counts.bOnly) / counts.n : 0,
    scaled: (factor) => tangoScoreInference(scaledCounts(counts, factor)),
    pGreater: (delta0) => normalSurvival(statistic(delta0)),
    pLess: (delta0) => normalCdf(statistic(delta0)),
    interval(level: number): [number, number] {
      if (counts.n <= 0) return [-1, 1];
      const critical = normalQuantile(1 - (1 - level) / 2);
      return [solveDecreasing(statistic, critical), solveDecreasing(statistic, -critical)];
    },
  };
}
