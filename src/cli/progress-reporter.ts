import { fitProgressBar, formatProgressLine } from '../report/format-progress.ts';
import { createProgressTracker } from '../runner/progress-tracker.ts';
import type { RunnerEvent } from '../runner/runner-event.ts';
import type { CliIo } from './cli-io.ts';

/** How often progress is drawn: the bar at most 10 times a second, plain lines every 10 s when not a TTY. */
const BAR_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 10_000;

export interface ProgressReporter {
  onEvent(event: RunnerEvent): void;
  /** Draws the final state and ends the bar's line. */
  finish(): void;
}

/**
 * Progress on stderr: a redrawn bar on a terminal (done/total, rate, ETA, tokens, errors), periodic plain
 * lines otherwise, so logs in CI stay readable.
 */
export function createProgressReporter(options: {
  io: CliIo;
  label: string;
  total: number;
  alreadyDone: number;
  /** USD spent so far at list prices (undefined: no price known); the bar shows it. */
  spentUsd?: () => number | undefined;
}): ProgressReporter {
  const { io } = options;
  const tracker = createProgressTracker({
    totalItems: options.total,
    alreadyDoneItems: options.alreadyDone,
    now: io.monotonicMs,
  });
  const interval = io.isTTY ? BAR_INTERVAL_MS : LINE_INTERVAL_MS;
  let lastDrawMs = io.monotonicMs();
  let drewBar = false;

  const draw = (): void => {
    const snapshot = tracker.snapshot();
    const costUsd = options.spentUsd?.();
    const state = costUsd === undefined ? snapshot : { ...snapshot, costUsd };
    if (io.isTTY) {
      io.stderr(
        `\r\x1b[2K${fitProgressBar(options.label, state, { ...(io.columns ? { columns: io.columns } : {}) })}`,
      );
      drewBar = true;
    } else {
      io.stderr(`${options.label} ${formatProgressLine(state)}\n`);
    }
  };

  return {
    onEvent(event) {
      tracker.record(event);
      const nowMs = io.monotonicMs();
      if (nowMs - lastDrawMs >= interval) {
        lastDrawMs = nowMs;
        draw();
      }
    },
    finish() {
      if (io.isTTY) {
        draw();
        if (drewBar) io.stderr('\n');
      }
    },
  };
}
