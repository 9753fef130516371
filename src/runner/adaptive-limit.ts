import { InputError } from '../spec/index.ts';

/** Why the limit changed: an overload answer (429/503/529) or a window of successes. */
export type LimitChangeReason = 'congestion' | 'recovery';

export interface AdaptiveLimit {
  /** Calls allowed in flight now: an integer in [1, ceiling]. */
  readonly limit: number;
  /** The most the limit may reach (`--concurrency`). */
  readonly ceiling: number;
  /**
   * Counts the cuts so far. A call remembers the epoch it started in, so a burst of overload answers to calls
   * sent under the old limit cuts the limit once, not once per answer.
   */
  readonly epoch: number;
  /** A call succeeded: after `limit` successes since the last change, the limit grows by one (up to the ceiling). */
  recordSuccess(): LimitChangeReason | undefined;
  /**
   * A call was refused for overload: the limit halves (rounded down, at least 1) unless it was already cut
   * after that call started. Returns 'congestion' when it was cut.
   */
  recordCongestion(options: { readonly startedInEpoch: number }): LimitChangeReason | undefined;
}

export interface AdaptiveLimitOptions {
  /** Largest limit, an integer ≥ 1. */
  readonly ceiling: number;
  /** First limit; default the ceiling, so nothing changes until the first overload answer. */
  readonly initial?: number;
}

/**
 * Additive-increase, multiplicative-decrease concurrency limit (as TCP congestion control): halve on overload,
 * grow by one per window of `limit` successes. Pure state, no clock.
 */
export function createAdaptiveLimit(options: AdaptiveLimitOptions): AdaptiveLimit {
  const { ceiling } = options;
  if (!Number.isInteger(ceiling) || ceiling < 1) {
    throw new InputError(`must be an integer ≥ 1, got ${ceiling}`, { location: 'ceiling' });
  }
  let limit = Math.min(ceiling, Math.max(1, Math.floor(options.initial ?? ceiling)));
  let epoch = 0;
  let successesSinceChange = 0;
  return {
    get limit() {
      return limit;
    },
    ceiling,
    get epoch() {
      return epoch;
    },
    recordSuccess() {
      successesSinceChange += 1;
      if (successesSinceChange < limit || limit >= ceiling) return undefined;
      limit += 1;
      successesSinceChange = 0;
      return 'recovery';
    },
    recordCongestion({ startedInEpoch }) {
      // Calls sent before the last cut answer for the old, larger limit: the cut already accounts for them.
      if (startedInEpoch < epoch) return undefined;
      limit = Math.max(1, Math.floor(limit / 2));
      epoch += 1;
      successesSinceChange = 0;
      return 'congestion';
    },
  };
}
