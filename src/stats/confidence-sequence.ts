export type SequentialVerdict = 'a_better' | 'b_better' | 'equivalent' | 'undecided';

export interface ConfidenceSequenceState {
  /** Paired differences observed so far. */
  readonly n: number;
  /** Their plain mean. */
  readonly mean: number;
  /** Anytime-valid interval for the mean difference (running intersection), in the differences' scale. */
  readonly ci: readonly [number, number];
  /**
   * 'a_better' once the interval lies above 0, 'b_better' once below, 'equivalent' once it lies inside
   * ±margin (when a margin is given); it never changes afterwards.
   */
  readonly verdict: SequentialVerdict;
}

export interface ConfidenceSequenceOptions {
  /** Error probability over the whole sequence (default 0.05): P(the interval ever misses the mean) ≤ α. */
  readonly alpha?: number;
  /** Bounds of one difference (default −1 and 1, for 0/1 scores). */
  readonly lower?: number;
  readonly upper?: number;
  /**
   * Items the plan holds: λ is tuned so that the interval is tightest there (WSR 2024 §3.3). Without it, the
   * λ ∝ 1/√(t log(1+t)) schedule that stays tight at every t.
   */
  readonly plannedItems?: number;
  /** Equivalence margin (in the differences' scale): decide 'equivalent' once the interval lies inside ±margin. */
  readonly margin?: number;
}

export interface ConfidenceSequence {
  observe(difference: number): ConfidenceSequenceState;
  state(): ConfidenceSequenceState;
}

/** Largest bet (WSR's c = 1/2). */
const maxLambda = 0.5;

/**
 * Anytime-valid confidence sequence for the mean of bounded paired differences: the predictable plug-in
 * empirical-Bernstein CS of Waudby-Smith & Ramdas (2024, "Estimating means of bounded random variables by
 * betting", JRSS-B 86(1), Theorem 2 / eq. (13)–(15)). With xᵢ = (dᵢ − lower)/(upper − lower) in [0, 1]:
 *
 *   C_t = Σλᵢxᵢ/Σλᵢ ± (log(2/α) + Σ vᵢ ψ_E(λᵢ)) / Σλᵢ,   vᵢ = 4(xᵢ − μ̂ᵢ₋₁)²,  ψ_E(λ) = (−log(1−λ) − λ)/4,
 *   μ̂_t = (½ + Σxᵢ)/(t+1),  σ̂²_t = (¼ + Σ(xᵢ − μ̂ᵢ)²)/(t+1),
 *   λᵢ = min(½, √(2 log(2/α) / (σ̂²ᵢ₋₁ · T))),  T = plannedItems, or i·log(1+i) without a plan,
 *
 * intersected over time. Valid at every t at once, so a run may stop the moment the interval excludes 0
 * without inflating the error rate (unlike repeated fixed-n tests). Exact for bounded data — no normal
 * approximation — which is why it was chosen over the normal-mixture CS (docs/decisions/0040).
 */
export function createConfidenceSequence(options: ConfidenceSequenceOptions = {}): ConfidenceSequence {
  const alpha = options.alpha ?? 0.05;
  const lower = options.lower ?? -1;
  const upper = options.upper ?? 1;
  const range = upper - lower;
  const logTerm = Math.log(2 / alpha);
  const zeroPoint = (0 - lower) / range;
  // Without a margin nothing is 'equivalent': every comparison with NaN is false.
  const margin = options.margin ?? Number.NaN;
  let t = 0;
  let sumDifferences = 0;
  let sumX = 0;
  let sumSquares = 0;
  let previousMean = 0.5;
  let previousVariance = 0.25;
  let sumLambda = 0;
  let sumLambdaX = 0;
  let penalty = 0;
  let low = 0;
  let high = 1;
  let verdict: SequentialVerdict = 'undecided';

  const state = (): ConfidenceSequenceState => ({
    n: t,
    // Stryker disable next-line ConditionalExpression: at t = 0 the quotient is 0/0 = NaN too
    mean: t === 0 ? Number.NaN : sumDifferences / t,
    ci: [lower + range * low, lower + range * high],
    verdict,
  });

  return {
    observe(difference: number): ConfidenceSequenceState {
      const x = Math.min(1, Math.max(0, (difference - lower) / range));
      t += 1;
      const horizon = options.plannedItems ?? t * Math.log(1 + t);
      const lambda = Math.min(maxLambda, Math.sqrt((2 * logTerm) / (previousVariance * horizon)));
      penalty += (x - previousMean) ** 2 * (-Math.log(1 - lambda) - lambda);
      sumLambda += lambda;
      sumLambdaX += lambda * x;
      const centre = sumLambdaX / sumLambda;
      const halfWidth = (logTerm + penalty) / sumLambda;
      low = Math.max(low, centre - halfWidth);
      high = Math.min(high, centre + halfWidth);
      sumDifferences += difference;
      sumX += x;
      previousMean = (0.5 + sumX) / (t + 1);
      sumSquares += (x - previousMean) ** 2;
      previousVariance = (0.25 + sumSquares) / (t + 1);
      if (verdict === 'undecided') {
        if (low > zeroPoint) verdict = 'a_better';
        else if (high < zeroPoint) verdict = 'b_better';
        else if (lower + range * low > -margin && lower + range * high < margin) verdict = 'equivalent';
      }
      return state();
    },
    state,
  };
}
