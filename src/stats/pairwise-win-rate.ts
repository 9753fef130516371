import { mcnemarExactInference } from './paired-binary-inference.ts';
import { mcnemarExactTest } from './mcnemar-exact-test.ts';

export interface PairwiseCounts {
  /** Items both judgments gave to A. */
  readonly wins: number;
  /** Items both judgments gave to B. */
  readonly losses: number;
  /** Items judged a tie, or judged inconsistently across the two orders. */
  readonly ties: number;
}

export interface PairwiseWinRate {
  /** (wins + ties / 2) / n: A's win rate with a tie as half a win; 0.5 when n is 0. */
  readonly winRate: number;
  /** Two-sided interval of the win rate at `level`, inverting the exact sign test below. */
  readonly interval: [number, number];
  /** Two-sided exact p-value of "A and B are equally often preferred" (sign test on wins vs losses). */
  readonly pValue: number;
  readonly n: number;
}

/**
 * A's win rate over paired judgments, with the test and interval parity uses for paired 0/1 outcomes. Each item
 * is a pair (A's outcome, B's outcome): a win is "A right, B wrong", a loss the reverse, a tie concordant. Then
 * the win rate is ½ + δ/2 with δ = (wins − losses)/n, the paired difference of proportions, and the test of
 * δ = 0 is the exact McNemar test — the sign test on wins against losses, ties set aside (Dixon & Mood 1946;
 * McNemar 1947). The interval is the exact McNemar interval of δ (Clopper–Pearson on the wins among the
 * discordant items, `mcnemarExactInference`) mapped to the win rate, so it excludes ½ exactly when p < 1 −
 * level. Conditional on the discordant count: with no win and no loss it is [½, ½] and p = 1.
 */
export function pairwiseWinRate(counts: PairwiseCounts, options: { level?: number } = {}): PairwiseWinRate {
  const { wins, losses, ties } = counts;
  const n = wins + losses + ties;
  const level = options.level ?? 0.95;
  const inference = mcnemarExactInference({ aOnly: wins, bOnly: losses, n });
  const [low, high] = inference.interval(level);
  return {
    winRate: n > 0 ? (wins + ties / 2) / n : 0.5,
    interval: [0.5 + low / 2, 0.5 + high / 2],
    pValue: mcnemarExactTest({ aOnly: wins, bOnly: losses }).pValue,
    n,
  };
}
