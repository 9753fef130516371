import { logGamma } from './log-gamma.ts';

/** ln k! for k = 0…n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k += 1) table[k] = (table[k - 1] ?? 0) + Math.log(k);
  return table;
}

/** Binomial(m, p) tails from a log-factorial table, each summed from its start by the pmf ratio recurrence. */
function binomialTails(table: Float64Array) {
  const logPmf = (k: number, m: number, p: number): number =>
    (table[m] ?? logGamma(m + 1)) -
    (table[k] ?? logGamma(k + 1)) -
    (table[m - k] ?? logGamma(m - k + 1)) +
    k * Math.log(p) +
    (m - k) * Math.log1p(-p);
  /** P(X ≤ k). */
  const lower = (k: number, m: number, p: number): number => {
    if (k < 0) return 0;
    if (k >= m || p <= 0) return 1;
    if (p >= 1) return 0;
    if (k >= Math.floor((m + 1) * p)) return 1 - upper(k + 1, m, p);
    let term = Math.exp(logPmf(k, m, p));
    let sum = term;
    const ratio = (1 - p) / p;
    for (let i = k; i > 0 && term > 1e-17 * sum; i -= 1) {
      term *= (i / (m - i + 1)) * ratio;
      sum += term;
    }
    return Math.min(1, sum);
  };
  /** P(X ≥ k). */
  const upper = (k: number, m: number, p: number): number => {
    if (k <= 0) return 1;
    if (k > m || p <= 0) return 0;
    if (p >= 1) return 1;
    if (k <= Math.floor((m + 1) * p)) return 1 - lower(k - 1, m, p);
    let term = Math.exp(logPmf(k, m, p));
    let sum = term;
    const ratio = p / (1 - p);
    for (let i = k; i < m && term > 1e-17 * sum; i += 1) {
      term *= ((m - i) / (i + 1)) * ratio;
      sum += term;
    }
    return Math.min(1, sum);
  };
  return { lower, upper, logPmf };
}

/**
 * Largest c with 2·P(X ≤ c) ≤ level for X ~ Binomial(m, ½) — the exact McNemar test with m discordant items
 * rejects when the smaller side has at most c — or −1 when no count is significant. `start` is a guess
 * (the previous m's value: c grows with m).
 */
function criticalCount(
  m: number,
  level: number,
  lower: (k: number, m: number, p: number) => number,
  start: number,
): number {
  const significant = (count: number): boolean => count >= 0 && 2 * lower(count, m, 0.5) <= level;
  let c = Math.min(start, Math.floor((m - 1) / 2));
  while (c >= 0 && !significant(c)) c -= 1;
  while (2 * (c + 1) < m && significant(c + 1)) c += 1;
  return c;
}

/** Largest c with 2·P(X ≤ c) ≤ level for X ~ Binomial(m, ½), or −1 (see `mcnemarExactPower`). */
export function mcnemarCriticalCount(m: number, level: number): number {
  const tails = binomialTails(logFactorials(m));
  return criticalCount(m, level, tails.lower, Math.floor(m / 2));
}

/**
 * Power of the two-sided exact McNemar test at `level` with n paired items, discordance ψ (share of items the
 * models disagree on) and true difference δ = p_A − p_B, computed exactly: the discordant count M ~
 * Binomial(n, ψ); given M = m, the items favouring A ~ Binomial(m, (ψ + δ)/(2ψ)), and the test rejects when
 * that count is ≤ c_m or ≥ m − c_m (c_m the critical count of statsmodels' `mcnemar(exact=True)` at `level`).
 * Summed over m within 10 standard deviations of nψ (the rest weighs < 1e-22).
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
  const from = Math.max(1, Math.floor(n * psi - 10 * sd - 1));
  const to = Math.min(n, Math.ceil(n * psi + 10 * sd + 1));
  const { lower, upper, logPmf } = binomialTails(logFactorials(n));
  let power = 0;
  let c = criticalCount(from, level, lower, Math.floor(from / 2));
  for (let m = from; m <= to; m += 1) {
    const weight = psi >= 1 ? (m === n ? 1 : 0) : Math.exp(logPmf(m, n, psi));
    c = criticalCount(m, level, lower, c + 1);
    if (weight === 0 || c < 0) continue;
    power += weight * (lower(c, m, favourA) + upper(m - c, m, favourA));
  }
  return Math.min(1, power);
}
