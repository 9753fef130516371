import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal-distribution.ts';
import { tangoScoreStatistic } from './paired-binary-inference.ts';

/**
 * Power of the equivalence test on paired 0/1 scores that `parity compare --margin` runs — two one-sided
 * Tango score tests at `level` each, i.e. the (1 − 2·level) Tango interval inside ±margin — with n items,
 * discordance ψ and true difference δ (|δ| < margin), computed exactly: the counts (A only, B only) are
 * trinomial with probabilities ((ψ + δ)/2, (ψ − δ)/2), summed within 9 standard deviations of their means.
 * With `nonInferiority`, only the upper test (A − B < margin: B not worse than A by the margin).
 */
export function tangoEquivalencePower(options: {
  n: number;
  discordance: number;
  difference: number;
  margin: number;
  level: number;
  nonInferiority?: boolean;
}): number {
  const { n, discordance: psi, difference: delta, margin, level } = options;
  if (!(psi > 0) || psi > 1 || Math.abs(delta) > psi || n < 1 || !(margin > 0)) return Number.NaN;
  const pA = (psi + delta) / 2;
  const pB = (psi - delta) / 2;
  const critical = normalQuantile(1 - level);
  const range = (p: number): [number, number] => {
    // Stryker disable next-line ArithmeticOperator: a larger sd only adds counts beyond 9 sd, of weight < 2e-7 even for skewed binomials
    const sd = Math.sqrt(n * p * (1 - p));
    return [Math.max(0, Math.floor(n * p - 9 * sd - 1)), Math.min(n, Math.ceil(n * p + 9 * sd + 1))];
  };
  const [aFrom, aTo] = range(pA);
  const [bFrom, bTo] = range(pB);
  const logN = logGamma(n + 1);
  const logPA = Math.log(pA);
  const logPB = Math.log(pB);
  const logRest = Math.log1p(-psi);
  let power = 0;
  for (let a = aFrom; a <= aTo; a += 1) {
    // Stryker disable next-line ConditionalExpression: dropping b ≤ bTo only adds counts beyond 9 sd (a + b ≤ n still holds)
    for (let b = bFrom; b <= bTo && a + b <= n; b += 1) {
      const counts = { aOnly: a, bOnly: b, n };
      // Stryker disable next-line EqualityOperator: a statistic exactly at the critical value has measure zero
      const upper = tangoScoreStatistic(counts, margin) <= -critical;
      if (!upper) continue;
      // Stryker disable next-line EqualityOperator: a statistic exactly at the critical value has measure zero
      if (!options.nonInferiority && !(tangoScoreStatistic(counts, -margin) >= critical)) continue;
      const rest = n - a - b;
      const log =
        logN -
        logGamma(a + 1) -
        logGamma(b + 1) -
        logGamma(rest + 1) +
        (a === 0 ? 0 : a * logPA) +
        (b === 0 ? 0 : b * logPB) +
        (rest === 0 ? 0 : rest * logRest);
      power += Math.exp(log);
    }
  }
  return Math.min(1, power);
}
