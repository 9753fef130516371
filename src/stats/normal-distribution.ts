const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erfc(x) for x ≥ 0: the all-positive series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) below
 * 2.5 (no cancellation within the sum; 1 − erf loses up to ~7e-13 relative just below 2.5, about 1e-15 elsewhere),
 * and the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) above (modified
 * Lentz), to about 1e-15 relative.
 */
function erfcNonNegative(x: number): number {
  // Stryker disable next-line EqualityOperator: at x = 2.5 exactly both methods agree to 1e-12 relative (precision only)
  if (x < 2.5) {
    let term = x;
    let sum = x;
    // Stryker disable next-line EqualityOperator: the sum stops on its own (within 40 terms for x < 2.5); the cap is never met
    for (let n = 1; n < 200; n += 1) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: later terms fall below half an ulp of the sum and add nothing
      if (term < sum * 1e-17) break;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
  }
  // The continued fraction gives ∞ · 0 = NaN at x = ∞.
  if (x === Infinity) return 0;
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  // Stryker disable next-line EqualityOperator: the fraction converges within 40 steps for x ≥ 2.5
  for (let n = 1; n < 500; n += 1) {
    const a = n / 2;
    d = x + a * d;
    // Stryker disable next-line ConditionalExpression: Lentz's guard; d = x + a·d stays ≥ x ≥ 2.5 here
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    // Stryker disable next-line ConditionalExpression: Lentz's guard; c = x + a/c stays ≥ x ≥ 2.5 here
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: once converged delta is 1 to the ulp; running on to the cap changes nothing visible
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal upper tail P(Z > z), accurate far into the tail (no 1 − Φ cancellation). */
export function normalSurvival(z: number): number {
  // Stryker disable next-line ConditionalExpression: NaN would take the second branch and give NaN all the same
  if (Number.isNaN(z)) return Number.NaN;
  // Stryker disable next-line EqualityOperator: at z = 0 both branches give exactly ½
  return z >= 0 ? erfcNonNegative(z / SQRT2) / 2 : 1 - erfcNonNegative(-z / SQRT2) / 2;
}

/** Standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return normalSurvival(-z);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedNormalPValue(z: number): number {
  return 2 * normalSurvival(Math.abs(z));
}

const acklamA = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const acklamB = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const acklamC = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const acklamD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((sum, coefficient) => sum * x + coefficient, 0);
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation refined by two Halley
 * steps against `normalCdf`, to about 1e-15. 0 and 1 give −∞ and +∞.
 */
export function normalQuantile(p: number): number {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: outside [0, 1] (and for NaN) the formulas below give NaN too (log of a negative number)
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const low = 0.02425;
  let x: number;
  // Stryker disable EqualityOperator: at the region boundaries p = 0.02425 and 1 − 0.02425 the two rational approximations are within 1e-9 and the Halley steps end on the same value (±2e-15)
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(acklamC, q) / (polynomial(acklamD, q) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(acklamA, r) * q) / (polynomial(acklamB, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -polynomial(acklamC, q) / (polynomial(acklamD, q) * q + 1);
  }
  // Stryker restore EqualityOperator
  // Stryker disable next-line EqualityOperator: a third Halley step from a converged value changes it by less than 1e-15
  for (let step = 0; step < 2; step += 1) {
    // Work in the smaller tail so that the residual keeps its precision.
    // Stryker disable next-line EqualityOperator: at x = 0 both residuals are 0.5 − p
    const error = x < 0 ? normalCdf(x) - p : 1 - p - normalSurvival(x);
    const density = Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
    // Stryker disable next-line ConditionalExpression: the density underflows only beyond |x| = 38.6, past the quantile of every double p > 0
    if (density === 0) break;
    const u = error / density;
    // Stryker disable next-line ArithmeticOperator: after Acklam's 1.2e-9 start, Newton-like variants of the step converge as well (precision only, < 2e-15)
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
