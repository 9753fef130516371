/** ln k! for k = 0…n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k += 1) table[k] = (table[k - 1] ?? 0) + Math.log(k);
  return table;
}

/**
 * Binomial(m, p) tails from a log-factorial table of k! for k = 0…n (every m asked is ≤ n), each tail summed
 * from its start by the pmf ratio recurrence on the side away from the mode, and 1 − the other tail past it.
 * p = 0 and p = 1 need no case of their own: the sum starts on the side whose pmf is 0 there.
 */
function binomialTails(table: Float64Array) {
  const logFactorial = (k: number): number => table[k] ?? Number.NaN;
  const logPmf = (k: number, m: number, p: number): number =>
    logFactorial(m) - logFactorial(k) - logFactorial(m - k) + k * Math.log(p) + (m - k) * Math.log1p(-p);
  /** P(X ≤ k). */
  const lower = (k: number, m: number, p: number): number => {
    if (k < 0) return 0;
    if (k >= Math.floor((m + 1) * p)) return 1 - upper(k + 1, m, p);
    let term = Math.exp(logPmf(k, m, p));
    let sum = term;
    const ratio = (1 - p) / p;
    // The term after i = 0 is 0, which ends the loop; so does a term below the sum's precision.
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: stops a term later or sooner, below 1e-17 of the sum
    for (let i = k; term > 1e-17 * sum; i -= 1) {
      term *= (i / (m - i + 1)) * ratio;
      sum += term;
    }
    return Math.min(1, sum);
  };
  /** P(X ≥ k). */
  const upper = (k: number, m: number, p: number): number => {
    if (k > m) return 0;
    // Stryker disable next-line EqualityOperator: at k = the mode both ways of summing agree to rounding
    if (k <= Math.floor((m + 1) * p)) return 1 - lower(k - 1, m, p);
    let term = Math.exp(logPmf(k, m, p));
    let sum = term;
    const ratio = p / (1 - p);
    // The term after i = m is 0, which ends the loop; so does a term below the sum's precision.
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: stops a term later or sooner, below 1e-17 of the sum
    for (let i = k; term > 1e-17 * sum; i += 1) {
      term *= ((m - i) / (i + 1)) * ratio;
      sum += term;
    }
    return Math.min(1, sum);
  };
  return { lower, upper, logPmf };
}

/**
 * Largest c with 2·P(X ≤ c) ≤ level for X ~ Binomial(m, ½) — the exact McNemar test with m discordant items
 * rejects when the smaller side has at most c — or −1 when no count is significant. Walks down from `start`,
 * which must be at least the answer: the previous m's value + 1 will do (c_m ≤ c_{m−1} + 1, since
 * P(X_m ≤ c) ≥ P(X_{m−1} ≤ c − 1)). For level ≤ 1 no c ≥ m/2 is significant, so the answer is below m/2.
 */
function criticalCount(
  m: number,
  level: number,
  lower: (k: number, m: number, p: number) => number,
  start: number,
): number {
  // The tail is summed in floating point: a level exactly at a tail (e.g. 2·(½)^6 at m = 6) counts as
  // reached, as in exact arithmetic, thanks to a relative allowance of 1e-12 (far below any level's digits).
  const significant = (count: number): boolean =>
    // Stryker disable next-line EqualityOperator: equality of a rounded tail and the allowance has measure zero
    2 * lower(count, m, 0.5) <= level * (1 + 1e-12);
  let c = start;
  // Ends at −1 at the latest, also for a level no p-value reaches (negative, NaN).
  while (c >= 0 && !significant(c)) c -= 1;
  return c;
}

/** Largest c with 2·P(X ≤ c) ≤ level for X ~ Binomial(m, ½), or −1 (see `mcnemarExactPower`). */
export function mcnemarCriticalCount(m: number, level: number): number {
  const tails = binomialTails(logFactorials(m));
  return criticalCount(m, level, tails.lower, m);
}

/**
 * Power of the two-sided exact McNemar test at `level` with n paired items, discordance ψ (share of items the
 * models disagree on) and true difference δ = p_A − p_B, computed exactly: the discordant count M ~
 * Binomial(n, ψ); given M = m, the items favouring A ~ Binomial(m, (ψ + δ)/(2ψ)), and the test rejects when
 * that count is ≤ c_m or ≥ m − c_m (c_m the critical count of statsmodels' `mcnemar(exact=True)` at `level`).
 * Summed over m within 10 standard deviations of nψ (the rest weighs < 1e-20 for nψ ≥ 30, < 1e-7 for any nψ).
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
  // Stryker disable next-line ArithmeticOperator: the two-sided test is symmetric, so favourA and 1 − favourA give the same power
  const favourA = (psi + delta) / (2 * psi);
  // Stryker disable next-line ArithmeticOperator: a larger sd only adds counts beyond 10 sd, of weight < 1e-7 even for skewed binomials
  const sd = Math.sqrt(n * psi * (1 - psi));
  // Stryker disable next-line MethodExpression: starting at m ≤ 1 only adds counts beyond 10 sd (weight < 1e-7), or below 1 (no test)
  const from = Math.max(1, Math.floor(n * psi - 10 * sd - 1));
  // Stryker disable next-line ArithmeticOperator: n/ψ ≥ nψ only adds counts beyond 10 sd, up to n
  const to = Math.min(n, Math.ceil(n * psi + 10 * sd + 1));
  const { lower, upper, logPmf } = binomialTails(logFactorials(n));
  let power = 0;
  // A start above c at m = from; after that each m's c is at most one more than the last m's.
  let c = from;
  for (let m = from; m <= to; m += 1) {
    const weight = psi >= 1 ? (m === n ? 1 : 0) : Math.exp(logPmf(m, n, psi));
    c = criticalCount(m, level, lower, c + 1);
    // With c = −1 (nothing significant) both tails are 0.
    power += weight * (lower(c, m, favourA) + upper(m - c, m, favourA));
  }
  return Math.min(1, power);
}
