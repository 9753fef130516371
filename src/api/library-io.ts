import { hostname } from 'node:os';
import type { CliIo } from '../cli/cli-io.ts';
import { isProcessAlive } from './is-process-alive.ts';

export interface LibraryIoOptions {
  /** Progress and notes, one line at a time (what the CLI prints on stderr). Default: nothing is printed. */
  readonly log?: (line: string) => void;
  /** Aborting it stops the evaluation; the run is stored as interrupted and can be finished with `parity resume`. */
  readonly signal?: AbortSignal;
  /** Wall clock for the run's timestamps. Default `new Date()`. */
  readonly now?: () => Date;
}

/**
 * The engine's view of the outside world (`CliIo`) for a program: no environment, no terminal, stdout unused,
 * stderr lines to `log`. The process is recorded as the owner of its runs, as the CLI records itself.
 */
export function libraryIo(options: LibraryIoOptions): CliIo {
  let pending = '';
  const log = options.log;
  const stderr = (text: string): void => {
    if (!log) return;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) log(line);
  };
  return {
    stdout: () => undefined,
    stderr,
    env: {},
    cwd: process.cwd(),
    isTTY: false,
    now: options.now ?? (() => new Date()),
    monotonicMs: () => performance.now(),
    ...(options.signal ? { signal: options.signal } : {}),
    process: {
      pid: process.pid,
      host: hostname(),
      isAlive: isProcessAlive,
    },
  };
}
