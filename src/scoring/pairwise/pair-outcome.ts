import type { PositionVerdict } from './pairwise-verdict.ts';

/** Which run's answer a judgment preferred, once its position is mapped back to the runs. */
export type RunPreference = 'a' | 'b' | 'tie';

/**
 * One item's outcome from its two judgments: `ab` shown A's answer first, `ba` B's answer first.
 * - `a` / `b`: both orders prefer the same run (a win that survives swapping the positions);
 * - `tie`: both orders say tie, or they disagree (`inconsistent`: the preference followed the position, so it
 *   says nothing about the answers — FastChat's show_result.py counts these as ties too);
 * - `error`: a judgment without a verdict (refusal, unparseable); such items are counted, not scored.
 */
export interface PairOutcome {
  readonly outcome: RunPreference | 'error';
  readonly inconsistent: boolean;
  /** Each order's preference, mapped to the runs; null where the judgment had no verdict. */
  readonly ab: RunPreference | null;
  readonly ba: RunPreference | null;
}

function preference(verdict: PositionVerdict | null, first: 'a' | 'b'): RunPreference | null {
  if (verdict === null) return null;
  if (verdict === 'tie') return 'tie';
  const second = first === 'a' ? 'b' : 'a';
  return verdict === 'first' ? first : second;
}

export function pairOutcome(verdicts: {
  ab: PositionVerdict | null;
  ba: PositionVerdict | null;
}): PairOutcome {
  const ab = preference(verdicts.ab, 'a');
  const ba = preference(verdicts.ba, 'b');
  if (ab === null || ba === null) return { outcome: 'error', inconsistent: false, ab, ba };
  if (ab === ba) return { outcome: ab, inconsistent: false, ab, ba };
  return { outcome: 'tie', inconsistent: true, ab, ba };
}

/**
 * The item's stored scores: `win_a` is 1 (A wins), ½ (tie) or 0 (B wins), so its mean is A's win rate with
 * ties as half a win; `tie` and `inconsistent` are 0/1. All null for an error (unscored).
 */
export function pairOutcomeScores(outcome: PairOutcome): Record<string, number | null> {
  if (outcome.outcome === 'error') return { win_a: null, tie: null, inconsistent: null };
  return {
    win_a: outcome.outcome === 'a' ? 1 : outcome.outcome === 'b' ? 0 : 0.5,
    tie: outcome.outcome === 'tie' ? 1 : 0,
    inconsistent: outcome.inconsistent ? 1 : 0,
  };
}
