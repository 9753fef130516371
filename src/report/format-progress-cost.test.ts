import { describe, expect, it } from 'vitest';
import { formatProgressBar, formatProgressLine, type ProgressView } from './format-progress.ts';

const state: ProgressView = {
  totalItems: 10,
  doneItems: 5,
  cachedItems: 0,
  failedItems: 0,
  retries: 0,
  inputTokens: 1000,
  outputTokens: 200,
  itemsPerSecond: 1,
  etaSeconds: 5,
};

describe('progress with a running cost', () => {
  it('appends the cost when the model has a price, and nothing otherwise', () => {
    expect(formatProgressBar({ ...state, costUsd: 0.0045 })).toMatch(/err 0 {2}\$0\.0045$/);
    expect(formatProgressLine({ ...state, costUsd: 0.0045 })).toMatch(/, cost \$0\.0045$/);
    expect(formatProgressBar(state)).not.toContain('$');
  });
});
