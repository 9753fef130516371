import { binomialCdf, binomialLogPmf, binomialSurvival } from './binomial-distribution.ts';

/** Largest c with 2·P(X ≤ c) ≤ level for X ~ Binomial(m, ½), or −1 when even c = 0 is not significant. */
export function mcnemarCriticalCount(m: number, level: number): number {
  let c = Math.max(-1, Math.floor(m / 2 - (1.96 * Math.sqrt(m)) / 2));
  const significant = (count: number): boolean => count >= 0 && 2 * binomialCdf(count, m, 0.5) <= level;
  while (c >= 0 && !significant(c)) c -= 1;
  while (c + 1 < m / 2 && significant(c + 1)) c += 1;
  return c;
}

/**
 * Power of the two-sided exact McNemar test at `level` with n paired items, discordance ψ (share of items the
 * models disagree on) and true difference δ = p_A − p_B, computed exactly: the discordant count M ~
 * Binomial(n, ψ); given M = m, the items favouring A ~ Binomial(m, (ψ + δ)/(2ψ)), and the test rejects when
 * that count is ≤ c_m or ≥ m − c_m (c_m from `mcnemarCriticalCount`). Summed over m within 12 standard
 * deviations of nψ (the rest weighs < 1e-30).
 */
export function mcnemarExactPower(options: {
  n: number;
  discordance: number;
  difference: number;
  level: number;
}): number {
  const { n, discordance: psi, level } = options;
  const delta = options.difference;
  if (!(psi > 0) || psi > 1 || Math.abs(delta) > psi || n < 1) return Number.NaN;
  const favourA = (psi + delta) / (2 * psi);
  const sd = Math.sqrt(n * psi * (1 - psi));
  const from = Math.max(0, Math.floor(n * psi - 12 * sd - 1));
  const to = Math.min(n, Math.ceil(n * psi + 12 * sd + 1));
  let power = 0;
  for (let m = from; m <= to; m += 1) {
    const weight = Math.exp(binomialLogPmf(m, n, psi));
    if (weight === 0) continue;
    const c = mcnemarCriticalCount(m, level);
    if (c < 0) continue;
    power += weight * (binomialCdf(c, m, favourA) + binomialSurvival(m - c, m, favourA));
  }
  return Math.min(1, power);
}
