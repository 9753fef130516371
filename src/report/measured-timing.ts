import type { ItemRecord, Timing } from '../spec/index.ts';

/**
 * The timing of a record's response when parity measured it: answered (attempts ≥ 1) or served from the cache
 * (the original answer's timing). Records of `parity import` sent no request (0 attempts, not cached): their
 * completions have no latency, so they count in no latency figure.
 */
export function measuredTiming(record: ItemRecord): Timing | undefined {
  if (record.attempts === 0 && !record.cached) return undefined;
  return record.response?.timing;
}
