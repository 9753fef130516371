import { describe, expect, it } from 'vitest';
import { createProgressTracker } from '../runner/progress-tracker.ts';
import { formatCount, formatDuration, formatProgressBar, formatProgressLine } from './format-progress.ts';
import type { ProgressView } from './format-progress.ts';

const midRun: ProgressView = {
  totalItems: 1000,
  doneItems: 512,
  cachedItems: 0,
  failedItems: 0,
  retries: 0,
  inputTokens: 1_234_567,
  outputTokens: 48_000,
  itemsPerSecond: 812.4,
  etaSeconds: 488 / 812.4,
};

describe('formatProgressBar', () => {
  it('draws the bar and figures on one line', () => {
    expect(formatProgressBar(midRun, { width: 10 })).toBe(
      '[#####.....] 512/1000  51%  812 it/s  ETA 0:01  tok 1.2M/48k  err 0',
    );
  });

  it('adds cache hits and retries when there are some, and shows an unknown ETA', () => {
    const state = {
      ...midRun,
      doneItems: 3,
      cachedItems: 2,
      retries: 4,
      failedItems: 1,
      itemsPerSecond: 0,
      etaSeconds: undefined,
    };
    expect(formatProgressBar(state, { width: 4 })).toBe(
      '[....] 3/1000  0%  0.0 it/s  ETA --:--  tok 1.2M/48k  err 1  cached 2  retry 4',
    );
  });

  it('fills the bar only when everything is done', () => {
    expect(formatProgressBar({ ...midRun, doneItems: 999 }, { width: 10 })).toContain(
      '[#########.] 999/1000  99%',
    );
    expect(formatProgressBar({ ...midRun, doneItems: 1000, etaSeconds: 0 }, { width: 10 })).toContain(
      '[##########] 1000/1000  100%  812 it/s  ETA 0:00',
    );
    expect(formatProgressBar({ ...midRun, totalItems: 0, doneItems: 0 })).toContain(
      `[${'#'.repeat(20)}] 0/0  100%`,
    );
  });

  it('accepts the progress tracker state as it is', () => {
    let nowMs = 0;
    const tracker = createProgressTracker({ totalItems: 4, now: () => nowMs });
    nowMs = 1_000;
    tracker.record({
      type: 'request-end',
      itemId: 'a',
      sample: 0,
      status: 'ok',
      cached: false,
      attempts: 1,
      usage: { inputTokens: 900, outputTokens: 12 },
    });
    const view: ProgressView = tracker.snapshot();
    expect(formatProgressBar(view, { width: 4 })).toBe(
      '[#...] 1/4  25%  1.0 it/s  ETA 0:03  tok 900/12  err 0',
    );
  });
});

describe('formatProgressLine', () => {
  it('writes a self-contained log line', () => {
    expect(formatProgressLine({ ...midRun, failedItems: 2, cachedItems: 100, retries: 7 })).toBe(
      'progress 512/1000 (51%) 812 it/s, ETA 0:01, tokens in 1.2M out 48k, errors 2, cached 100, retries 7',
    );
  });
});

describe('formatCount and formatDuration', () => {
  it('abbreviates counts', () => {
    expect([0, 950, 1_000, 1_250, 48_000, 999_999, 1_200_000, 12_300_000_000].map(formatCount)).toEqual([
      '0',
      '950',
      '1.0k',
      '1.3k',
      '48k',
      '1.0M',
      '1.2M',
      '12G',
    ]);
  });

  it('writes m:ss or h:mm:ss', () => {
    expect([0, 0.2, 59, 61, 3_599, 3_661, undefined, Number.POSITIVE_INFINITY].map(formatDuration)).toEqual([
      '0:00',
      '0:01',
      '0:59',
      '1:01',
      '59:59',
      '1:01:01',
      '--:--',
      '--:--',
    ]);
  });
});
