import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { ExecutionResult } from '../../spec/index.ts';
import { OutputTail } from './output-tail.ts';

/** How long pipes may stay open after the process exited before they are closed by force. */
const exitGraceMs = 500;

export interface RunProgramProcessOptions {
  /** Executable: bwrap, or the interpreter itself when unsandboxed. */
  readonly command: string;
  readonly arguments: readonly string[];
  /** Written to the process's stdin, then stdin is closed. */
  readonly input: string;
  /**
   * The run's secret, written to fd 4 (never to the command line or environment). The program passes only when
   * fd 3 carries exactly `started` then `verdict <nonce>`, which only the bootstrap's audit hook can write.
   */
  readonly nonce: string;
  /** Extra input pipes after fd 4 (fd 5, 6 …), e.g. bubblewrap's seccomp program, written then closed. */
  readonly extraInputs?: readonly Buffer[];
  /** Wall-clock limit; at expiry the whole process group is killed with SIGKILL. */
  readonly timeoutMs: number;
  /** Characters of combined stdout/stderr kept. */
  readonly outputTailCharacters: number;
  /** Working directory of the spawned command. */
  readonly cwd: string;
  /** Milliseconds clock for durations (injected; performance.now in production). */
  readonly monotonicMs: () => number;
}

/**
 * Spawns one program in a new process group with an empty environment and fds 0–4 piped, and classifies its
 * end from fd 3 alone: exactly `started` then `verdict <nonce>` → passed (however the process ended after
 * that); `started` and anything else → failed, or timed-out when it was still running at the limit; no
 * `started` → the sandbox (or interpreter) could not start it → sandbox-error. Exit codes and output are never
 * trusted. It resolves only after the process has exited and its pipes have closed, so no descendant holds
 * them open.
 */
export function runProgramProcess(options: RunProgramProcessOptions): Promise<ExecutionResult> {
  return new Promise((resolve) => {
    const startedAt = options.monotonicMs();
    const tail = new OutputTail(options.outputTailCharacters);
    let status3 = '';
    let timedOut = false;
    let spawnError: Error | undefined;
    const child = spawn(options.command, [...options.arguments], {
      stdio: [
        'pipe',
        'pipe',
        'pipe',
        'pipe',
        'pipe',
        ...(options.extraInputs ?? []).map(() => 'pipe' as const),
      ],
      detached: true,
      env: { PATH: '/usr/bin:/bin' },
      cwd: options.cwd,
    });
    const killTree = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, options.timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (chunk: Buffer) => tail.append(decoder.write(chunk)));
    }
    const marker = child.stdio[3];
    if (marker && 'on' in marker) {
      marker.on('data', (chunk: Buffer) => {
        // Bounded: anything longer than the expected text is a failure anyway.
        if (status3.length < 256) status3 += chunk.toString('latin1');
      });
      marker.on('error', () => undefined);
    }
    const inputs = [Buffer.from(options.nonce, 'latin1'), ...(options.extraInputs ?? [])];
    inputs.forEach((bytes, index) => {
      const pipe = child.stdio[4 + index];
      if (pipe && 'end' in pipe) {
        pipe.on('error', () => undefined);
        pipe.end(bytes);
      }
    });
    child.stdin?.on('error', () => undefined); // EPIPE when the program exits without reading
    child.stdin?.end(options.input);
    child.on('error', (error) => {
      spawnError = error;
    });
    let finished = false;
    let graceTimer: NodeJS.Timeout | undefined;
    child.on('exit', () => {
      // A descendant that escaped the group (possible only unsandboxed) could hold the pipes open forever.
      // The streams are destroyed from a setImmediate, which runs after the event loop's poll phase: on a starved
      // machine the timer can be due before the pipes' last bytes and end were read, and destroying them then would
      // lose the `started` marker (a sandbox error on a program that ran).
      graceTimer = setTimeout(
        () =>
          setImmediate(() => {
            for (const stream of child.stdio) stream?.destroy();
          }),
        exitGraceMs,
      );
    });
    child.on('close', (exitCode, signal) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      // Anything the program left in its group (outside a pid namespace) goes with it.
      killTree();
      const durationMs = options.monotonicMs() - startedAt;
      let status: ExecutionResult['status'];
      let outputTail = tail.toString();
      if (spawnError) {
        status = 'sandbox-error';
        outputTail = `${outputTail}${outputTail ? '\n' : ''}${spawnError.message}`;
      } else if (status3 === `started\nverdict ${options.nonce}\n`) status = 'passed';
      else if (timedOut) status = 'timed-out';
      else if (!status3.startsWith('started\n')) status = 'sandbox-error';
      else status = 'failed';
      resolve({ status, exitCode, signal, durationMs, outputTail });
    });
  });
}
