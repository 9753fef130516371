import { normalQuantile } from './normal-distribution.ts';

/**
 * Items (pairs) needed for a two-sided paired test of 0/1 scores at `level` (α) to detect a difference
 * `difference` = p_A − p_B with probability `power`, given the discordance rate ψ = P(A and B disagree on an
 * item) (Connor 1987, the normal approximation to McNemar's test):
 * n = (z_{1−α/2}·√ψ + z_{power}·√(ψ − δ²))² / δ², rounded up. ψ must be ≥ |δ|.
 */
export function pairedBinarySampleSize(options: {
  difference: number;
  discordance: number;
  power: number;
  level: number;
}): number {
  const delta = Math.abs(options.difference);
  const psi = options.discordance;
  if (!(delta > 0) || !(psi >= delta) || psi > 1) return Number.NaN;
  const zAlpha = normalQuantile(1 - options.level / 2);
  const zPower = normalQuantile(options.power);
  return Math.ceil(
    (zAlpha * Math.sqrt(psi) + zPower * Math.sqrt(psi - delta * delta)) ** 2 / (delta * delta),
  );
}

/**
 * Pairs needed for a two-sided paired z-test on graded scores: n = ((z_{1−α/2} + z_{power})·σ_d/δ)², rounded
 * up, where σ_d is the standard deviation of the per-item differences (from earlier runs).
 */
export function pairedMeanSampleSize(options: {
  difference: number;
  differenceSd: number;
  power: number;
  level: number;
}): number {
  const delta = Math.abs(options.difference);
  if (!(delta > 0) || !(options.differenceSd >= 0)) return Number.NaN;
  const zSum = normalQuantile(1 - options.level / 2) + normalQuantile(options.power);
  return Math.ceil(((zSum * options.differenceSd) / delta) ** 2);
}

/** Discordance rate ψ when two models with accuracies pA and pB err independently: pA(1−pB) + pB(1−pA). */
export function independentDiscordance(options: { accuracyA: number; accuracyB: number }): number {
  const { accuracyA, accuracyB } = options;
  return accuracyA * (1 - accuracyB) + accuracyB * (1 - accuracyA);
}
