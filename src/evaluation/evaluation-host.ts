import type { RunOwner, RunStore } from '../spec/index.ts';
import type { RunnerEvent } from '../runner/runner-event.ts';

/** Shows a run's progress (the CLI: a bar or periodic lines on stderr). */
export interface ProgressReporter {
  onEvent(event: RunnerEvent): void;
  /** Draws the final state. */
  finish(): void;
}

/** What a progress display is told when a run starts. */
export interface ProgressStart {
  /** `<benchmark> <protocol>`. */
  readonly label: string;
  /** Units of work: items × samples. */
  readonly total: number;
  readonly alreadyDone: number;
  /** USD spent so far at list prices (undefined: no price known). */
  readonly spentUsd: () => number | undefined;
}

/**
 * What the engine takes from the program that runs it (the CLI, the library API): the clock, cancellation, the
 * process that owns the run, and where progress goes. The engine reads no environment and draws nothing itself.
 */
export interface EvaluationHost {
  /** Wall clock for the run's timestamps. */
  readonly now: () => Date;
  /** Aborting it stops the run; it is stored as interrupted and resumable. */
  readonly signal?: AbortSignal;
  /** This process as the owner of the runs it works on (with a heartbeat of now); undefined: no owner. */
  readonly owner?: () => RunOwner | undefined;
  /** Keeps the run's owner heartbeat fresh while this process works on it; returns the function that stops it. */
  readonly startHeartbeat?: (store: RunStore, runId: string) => () => void;
  /** A progress display per run; none when absent. */
  readonly progress?: (start: ProgressStart) => ProgressReporter;
}
