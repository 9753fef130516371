import { describe, expect, it } from 'vitest';
import { createProgressTracker } from './progress-tracker.ts';
import type { RunnerEvent } from './runner-event.ts';

function end(overrides: Partial<Extract<RunnerEvent, { type: 'request-end' }>> = {}): RunnerEvent {
  return {
    type: 'request-end',
    itemId: 'x',
    sample: 0,
    status: 'ok',
    cached: false,
    attempts: 1,
    usage: { inputTokens: 100, outputTokens: 10 },
    ...overrides,
  };
}

describe('createProgressTracker', () => {
  it('starts empty with an unknown ETA', () => {
    let nowMs = 1_000;
    const tracker = createProgressTracker({ totalItems: 10, now: () => nowMs });
    nowMs = 1_500;
    expect(tracker.snapshot()).toEqual({
      totalItems: 10,
      doneItems: 0,
      cachedItems: 0,
      failedItems: 0,
      retries: 0,
      inputTokens: 0,
      outputTokens: 0,
      tokensKnown: true,
      itemsPerSecond: 0,
      etaSeconds: undefined,
      elapsedMs: 500,
    });
  });

  it('counts outcomes, cache hits, errors, retries and tokens of fresh responses', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 10, now: () => nowMs });
    nowMs = 500;
    tracker.record({ type: 'request-start', itemId: 'a', sample: 0, attempt: 1 });
    tracker.record({ type: 'retry', itemId: 'a', sample: 0, attempt: 1, delayMs: 250, message: 'busy' });
    tracker.record(end());
    tracker.record(end({ cached: true, attempts: 0 }));
    tracker.record(end({ status: 'error', usage: undefined, errorMessage: 'bad key' }));
    tracker.record(end({ usage: { outputTokens: 5 } }));
    nowMs = 2_000;
    // 4 outcomes in 2 s; 6 left at 2 items/s.
    expect(tracker.snapshot()).toEqual({
      totalItems: 10,
      doneItems: 4,
      cachedItems: 1,
      failedItems: 1,
      retries: 1,
      inputTokens: 100,
      outputTokens: 15,
      tokensKnown: true,
      itemsPerSecond: 2,
      etaSeconds: 3,
      elapsedMs: 2_000,
    });
  });

  it('measures the rate over the recent window only', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 1_000, now: () => nowMs, windowMs: 10_000 });
    // A fast first minute: 600 items; then 10 items in the last 10 s.
    for (let index = 0; index < 600; index += 1) {
      nowMs = index * 50;
      tracker.record(end());
    }
    for (let index = 0; index < 10; index += 1) {
      nowMs = 60_500 + index * 1_000;
      tracker.record(end());
    }
    nowMs = 70_000;
    const state = tracker.snapshot();
    expect(state.itemsPerSecond).toBe(1);
    expect(state.etaSeconds).toBe(390);
  });

  it('counts items done before a resume as done but not in the rate', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 100, alreadyDoneItems: 90, now: () => nowMs });
    nowMs = 1_000;
    tracker.record(end());
    tracker.record(end());
    expect(tracker.snapshot()).toMatchObject({ doneItems: 92, itemsPerSecond: 2, etaSeconds: 4 });
  });

  it('reports an ETA of 0 once everything is done', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 1, now: () => nowMs });
    tracker.record(end());
    nowMs = 60_000;
    expect(tracker.snapshot()).toMatchObject({ doneItems: 1, itemsPerSecond: 0, etaSeconds: 0 });
  });

  it('keeps memory bounded on long runs', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 200_000, now: () => nowMs, windowMs: 1_000 });
    for (let index = 0; index < 200_000; index += 1) {
      nowMs = index;
      tracker.record(end());
    }
    expect(tracker.snapshot().itemsPerSecond).toBe(1_000);
  });
});
