import { hostname } from 'node:os';
import { isatty } from 'node:tty';

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
  /** Asks a yes/no question on the terminal; absent when stdin or stderr is not a terminal (nobody to ask). */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Width of the terminal stderr writes to, in columns; absent when not a terminal. */
  readonly columns?: number;
  /** This process, recorded as the owner of the runs it works on (absent: runs are stored without owner). */
  readonly process?: {
    readonly pid: number;
    readonly host: string;
    /** Whether a process with this pid runs on this host. */
    readonly isAlive: (pid: number) => boolean;
  };
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A reader that went away (`parity runs | head`) closes our end of the pipe: the next write fails with EPIPE.
 * That is the reader's choice, not an error: exit quietly instead of printing a stack trace.
 */
let pipeGuarded = false;
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

export function processIo(signal?: AbortSignal): CliIo {
  exitQuietlyOnClosedPipe();
  return {
    process: { pid: process.pid, host: hostname(), isAlive: isProcessAlive },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
    // Node's own monotonic clock (`performance` would load perf_hooks, ~1 ms of every command; 0345).
    monotonicMs: () => process.uptime() * 1000,
    ...(signal ? { signal } : {}),
    // Asked of the file descriptor: `process.stdin` would make a stream for it that most commands never read.
    ...(isatty(0) && process.stderr.isTTY ? { confirm: askOnTerminal } : {}),
    ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  };
}

/** Asks on stderr, reads one line from stdin: yes for 'y' or 'yes' (any case). */
async function askOnTerminal(question: string): Promise<boolean> {
  // Loaded when a question is asked: most commands never ask one.
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}
