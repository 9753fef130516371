/** Everything the CLI takes from the outside world, injected so that tests can run `main` in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bar instead of periodic lines). */
  readonly isTTY: boolean;
  /** Wall clock, for timestamps. */
  readonly now: () => Date;
  /** Monotonic milliseconds, for durations. */
  readonly monotonicMs: () => number;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
    monotonicMs: () => performance.now(),
    ...(signal ? { signal } : {}),
  };
}
