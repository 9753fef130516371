import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/capture-io.ts';
import { createProgressReporter } from './progress-reporter.ts';

describe('createProgressReporter on a terminal', () => {
  it('redraws one line in place (no new line per redraw), under 80 columns, and says when tokens are unknown', () => {
    let nowMs = 0;
    const io = { ...captureIo({ cwd: '/' }), isTTY: true, monotonicMs: () => nowMs };
    const progress = createProgressReporter({
      io,
      label: 'humaneval humaneval.parity.base.cleaned',
      total: 500,
      alreadyDone: 0,
      spentUsd: () => 12.3456,
    });
    for (let index = 0; index < 200; index += 1) {
      nowMs += 50;
      progress.onEvent({
        type: 'request-end',
        itemId: String(index),
        sample: 0,
        status: 'ok',
        cached: false,
        attempts: 1,
      });
    }
    progress.finish();
    const output = io.output.stderr;
    // One line: every redraw starts with a carriage return and erase-line; only finish() ends it.
    expect(output.indexOf('\n')).toBe(output.length - 1);
    const draws = output.slice(0, -1).split('\r\x1b[2K').slice(1);
    expect(draws.length).toBeGreaterThan(50);
    expect(draws.filter((draw) => draw.length >= 80)).toEqual([]);
    expect(draws.at(-1)).toMatch(/200\/500 .*tokens unknown.*\$12\.3456$/);
  });
});
