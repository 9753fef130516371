import type { CliIo } from '../../src/cli/cli-io.ts';

export interface CapturedIo extends CliIo {
  readonly output: { stdout: string; stderr: string };
}

/** A CliIo that records stdout and stderr, for running `main` in-process. */
export function captureIo(options: {
  cwd: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
}): CapturedIo {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    env: { HOME: options.cwd, ...options.env },
    cwd: options.cwd,
    isTTY: false,
    now: () => new Date(),
    monotonicMs: () => performance.now(),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
