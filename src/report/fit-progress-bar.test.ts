import { describe, expect, it } from 'vitest';
import {
  fitProgressBar,
  formatProgressBar,
  formatProgressLine,
  type ProgressView,
} from './format-progress.ts';

const busy: ProgressView = {
  totalItems: 14_042,
  doneItems: 12_345,
  cachedItems: 1_234,
  failedItems: 12,
  retries: 345,
  inputTokens: 123_456_789,
  outputTokens: 9_876_543,
  itemsPerSecond: 812.4,
  etaSeconds: 3_725,
  costUsd: 123.4567,
};

describe('fitProgressBar', () => {
  it('keeps the full bar when it fits', () => {
    const quiet = { ...busy, cachedItems: 0, retries: 0, costUsd: undefined, totalItems: 20, doneItems: 5 };
    expect(fitProgressBar('gsm', { ...quiet, inputTokens: 0, outputTokens: 0, etaSeconds: 5 })).toBe(
      `gsm ${formatProgressBar({ ...quiet, inputTokens: 0, outputTokens: 0, etaSeconds: 5 }, { width: 20 })}`,
    );
    // A bar of 10 cells before anything else gives way.
    expect(fitProgressBar('gsm8k', quiet)).toBe(`gsm8k ${formatProgressBar(quiet, { width: 10 })}`);
  });

  it('fits 80 columns with a long label and every figure, narrowing before dropping', () => {
    const line = fitProgressBar('humaneval humaneval.parity.base.cleaned', busy);
    expect(line.length).toBeLessThan(80);
    expect(line).toContain('12345/14042');
    expect(line).toContain('$123.4567');
    const medium = fitProgressBar('mmlu mmlu.gen.5shot', busy);
    expect(medium).toBe('mmlu mmlu… [####.] 12345/14042 812/s ETA 1:02:05 tok 123M/9.9M err 12 $123.4567');
    expect(medium.length).toBeLessThan(80);
  });

  it('fits a narrower terminal, dropping the label last', () => {
    const line = fitProgressBar('mmlu mmlu.gen.5shot', busy, { columns: 70 });
    expect(line.length).toBeLessThan(70);
    expect(line).toBe('[####.] 12345/14042 812/s ETA 1:02:05 tok 123M/9.9M err 12 $123.4567');
  });
});

describe('tokens unknown', () => {
  it('says so instead of 0/0 when no response reported usage', () => {
    const unknown = { ...busy, inputTokens: 0, outputTokens: 0, tokensKnown: false, costUsd: undefined };
    expect(formatProgressBar(unknown, { width: 4 })).toContain('ETA 1:02:05  tokens unknown  err 12');
    expect(fitProgressBar('mmlu', unknown)).not.toContain('0/0');
    expect(formatProgressLine(unknown)).toContain('ETA 1:02:05, tokens unknown, errors 12');
  });
});
