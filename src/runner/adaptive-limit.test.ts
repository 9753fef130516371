import { describe, expect, it } from 'vitest';
import { createAdaptiveLimit } from './adaptive-limit.ts';

describe('createAdaptiveLimit', () => {
  it('starts at the ceiling and halves (rounded down) on an overload answer', () => {
    const limit = createAdaptiveLimit({ ceiling: 16 });
    expect(limit.limit).toBe(16);
    expect(limit.recordCongestion({ startedInEpoch: limit.epoch })).toBe('congestion');
    expect(limit.limit).toBe(8);
    expect(limit.recordCongestion({ startedInEpoch: limit.epoch })).toBe('congestion');
    expect(limit.limit).toBe(4);
    const odd = createAdaptiveLimit({ ceiling: 7 });
    odd.recordCongestion({ startedInEpoch: 0 });
    expect(odd.limit).toBe(3);
  });

  it('cuts once for a burst of overload answers to calls sent under the old limit', () => {
    const limit = createAdaptiveLimit({ ceiling: 16 });
    const sentEpoch = limit.epoch;
    const cuts = Array.from({ length: 10 }, () => limit.recordCongestion({ startedInEpoch: sentEpoch }));
    expect(cuts.filter((cut) => cut === 'congestion')).toHaveLength(1);
    expect(limit.limit).toBe(8);
  });

  it('never goes below 1', () => {
    const limit = createAdaptiveLimit({ ceiling: 5 });
    for (let index = 0; index < 20; index += 1) limit.recordCongestion({ startedInEpoch: limit.epoch });
    expect(limit.limit).toBe(1);
  });

  it('grows by one per window of `limit` successes and never above the ceiling', () => {
    const limit = createAdaptiveLimit({ ceiling: 6, initial: 2 });
    const history: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      limit.recordSuccess();
      history.push(limit.limit);
    }
    // 2 successes at limit 2 → 3; 3 more → 4; 4 more → 5; 5 more → 6; then it stays at the ceiling.
    expect(history.slice(0, 14)).toEqual([2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6]);
    expect(Math.max(...history)).toBe(6);
    expect(limit.limit).toBe(6);
  });

  it('restarts the success window after a cut', () => {
    const limit = createAdaptiveLimit({ ceiling: 8 });
    limit.recordSuccess();
    limit.recordSuccess();
    limit.recordCongestion({ startedInEpoch: limit.epoch });
    expect(limit.limit).toBe(4);
    for (let index = 0; index < 3; index += 1) expect(limit.recordSuccess()).toBeUndefined();
    expect(limit.recordSuccess()).toBe('recovery');
    expect(limit.limit).toBe(5);
  });

  it('refuses a ceiling below 1', () => {
    expect(() => createAdaptiveLimit({ ceiling: 0 })).toThrow('ceiling: must be an integer ≥ 1, got 0');
  });
});
