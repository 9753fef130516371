/**
 * Outcome of running one model-written program:
 * - `passed`: the program (solution + tests) ran to its end without an exception;
 * - `failed`: it raised, exited non-zero, or was killed by a resource limit;
 * - `timed-out`: it was still running at the wall-clock limit and was killed with its whole process tree;
 * - `sandbox-error`: the sandbox itself could not start the program (not the model's fault: unscored).
 */
export type ExecutionStatus = 'passed' | 'failed' | 'timed-out' | 'sandbox-error';

export interface ExecutionResult {
  readonly status: ExecutionStatus;
  /** Exit code of the program; null when it was killed by a signal. */
  readonly exitCode: number | null;
  /** Signal that ended it (e.g. 'SIGKILL' after a timeout); null when it exited. */
  readonly signal: string | null;
  /** Wall-clock milliseconds from start to the end of the process tree. */
  readonly durationMs: number;
  /** The last characters of its standard output and error, interleaved as they arrived. */
  readonly outputTail: string;
}

/** Runs untrusted Python programs, one at a time per call; implementations bound their own parallelism. */
export interface CodeExecutor {
  /** 'bubblewrap' when every program runs in a sandbox; 'none' only when the user explicitly opted out. */
  readonly isolation: 'bubblewrap' | 'none';
  /** Wall-clock limit per program, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Runs one program. `options` replace the wall-clock limit (the CPU-time limit follows it) or the address space
   * for this program only; benchmarks whose upstream harness sets its own limits (EvalPlus) use them.
   */
  runPython(source: string, options?: RunPythonOptions): Promise<ExecutionResult>;
}

export interface RunPythonOptions {
  /** Wall-clock limit of this program in milliseconds, instead of the executor's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Address space of this program in bytes (RLIMIT_AS; the sandbox's memory bound follows), instead of the executor's. */
  readonly addressSpaceBytes?: number;
}

/** What `ExecuteProtocol.scoreAsync` receives. */
export interface AsyncScoreContext {
  /** Whether the request's assistantPrefix was prefilled (so the completion is only the continuation). */
  readonly prefillApplied?: boolean;
  readonly executor: CodeExecutor;
}
