import type { CliIo } from '../../cli-io.ts';

/** How often the step's progress is drawn: 10 times a second on a terminal, every 10 s in logs. */
const BAR_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 10_000;

export interface BenchStepProgress {
  start(stepIndex: number, load: string): void;
  /** A request of the current step finished. */
  update(counts: { completed: number; failed: number; plannedRequests?: number }): void;
  /** Clears the drawn line before the step's result line is printed. */
  end(): void;
}

/**
 * Progress within a `parity bench` step on stderr: `step 2/5 c=8: 37/100 requests, 1 failed, 4.2 s` redrawn in
 * place on a terminal (under 80 columns), a plain line every 10 s otherwise.
 */
export function createBenchStepProgress(options: {
  io: CliIo;
  totalSteps: number;
  /** Step length in ms with --duration (shown as elapsed / total); undefined with --requests. */
  durationMs?: number;
}): BenchStepProgress {
  const { io } = options;
  const interval = io.isTTY ? BAR_INTERVAL_MS : LINE_INTERVAL_MS;
  let label = '';
  let startedMs = 0;
  let lastDrawMs = 0;
  let drawn = false;
  return {
    start(stepIndex, load) {
      label = `step ${stepIndex + 1}/${options.totalSteps} ${load}`;
      startedMs = io.monotonicMs();
      lastDrawMs = startedMs;
    },
    update(counts) {
      const nowMs = io.monotonicMs();
      if (nowMs - lastDrawMs < interval) return;
      lastDrawMs = nowMs;
      const done = counts.completed + counts.failed;
      const elapsed = ((nowMs - startedMs) / 1000).toFixed(1);
      const of = counts.plannedRequests === undefined ? '' : `/${counts.plannedRequests}`;
      const time =
        options.durationMs === undefined
          ? `${elapsed} s`
          : `${elapsed}/${(options.durationMs / 1000).toFixed(0)} s`;
      const line = `${label}: ${done}${of} requests, ${counts.failed} failed, ${time}`.slice(0, 79);
      if (io.isTTY) {
        io.stderr(`\r\x1b[2K${line}`);
        drawn = true;
      } else io.stderr(`${line}\n`);
    },
    end() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}
