import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InputError } from '../../spec/index.ts';
import type { Benchmark, Protocol } from '../../spec/index.ts';
import type { PythonExecutor } from '../../scoring/sandbox/create-python-executor.ts';
import type { CliIo } from '../cli-io.ts';
import { parseSecondsAsMs, parseWholeNumber } from '../parse-options.ts';
import { EVAL_DEFAULTS, EXEC_DEFAULTS } from './defaults.ts';
import { executesCode } from '../../evaluation/protocol-kind.ts';

/** Flags shared by `parity eval`, `resume` and `score` for code benchmarks. */
export interface CodeExecutionFlags {
  readonly execTimeout?: string;
  readonly execJobs?: string;
  readonly unsafeNoSandbox?: boolean;
}

export interface SamplingFlags {
  readonly samples?: string;
  readonly temperature?: string;
  readonly topP?: string;
  readonly reasoningAllowance?: string;
}

function parseNumber(flag: string, value: string | undefined, range: { min: number; max: number }) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < range.min || number > range.max) {
    throw new InputError(`expected a number in [${range.min}, ${range.max}], got '${value}'`, {
      location: flag,
    });
  }
  return number;
}

/**
 * `--samples`, `--temperature`, `--top-p`, `--reasoning-allowance`; several greedy samples would be identical, so
 * that is refused.
 */
export function parseSamplingFlags(flags: SamplingFlags): {
  samples: number;
  temperature?: number;
  topP?: number;
  reasoningAllowanceTokens?: number;
} {
  const samples = parseWholeNumber('--samples', flags.samples) ?? EVAL_DEFAULTS.samples;
  const temperature = parseNumber('--temperature', flags.temperature, { min: 0, max: 2 });
  const topP = parseNumber('--top-p', flags.topP, { min: Number.MIN_VALUE, max: 1 });
  const reasoningAllowanceTokens = parseWholeNumber('--reasoning-allowance', flags.reasoningAllowance, {
    min: 0,
  });
  if (samples > 1 && !(temperature !== undefined && temperature > 0)) {
    throw new InputError(
      `${samples} samples per item need sampling: add --temperature (e.g. 0.2 for pass@1, 0.8 for pass@100)`,
      { location: '--samples' },
    );
  }
  return {
    samples,
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(reasoningAllowanceTokens === undefined ? {} : { reasoningAllowanceTokens }),
  };
}

/** Whether any of these protocols runs model-written code. */
export function needsCodeExecution(protocols: readonly Protocol[]): boolean {
  return protocols.some(executesCode);
}

/** The code protocols' benchmarks, for messages. */
export function codeBenchmarks(benchmarks: readonly Benchmark[], protocols: readonly Protocol[]): string {
  return benchmarks
    .filter((_, index) => {
      const protocol = protocols[index];
      return protocol !== undefined && executesCode(protocol);
    })
    .map((benchmark) => benchmark.id)
    .join(', ');
}

/** Tasks (processes and threads) the uid runs now: RLIMIT_NPROC counts them all, not only the sandbox's. */
function tasksOfUid(uid: number): number {
  let tasks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const owner = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(owner) === uid) tasks += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // The process ended while we looked.
    }
  }
  return tasks;
}

/**
 * The executor for code benchmarks: bubblewrap, checked by a self-test before any model call; a sandbox that
 * cannot be made is one clear InputError (exit 2) saying how to get one. `--unsafe-no-sandbox` runs programs
 * directly (limits still apply) after a warning.
 */
export async function openCodeExecutor(io: CliIo, flags: CodeExecutionFlags): Promise<PythonExecutor> {
  const timeoutMs = parseSecondsAsMs('--exec-timeout', flags.execTimeout) ?? EXEC_DEFAULTS.timeoutMs;
  const parallelism = parseWholeNumber('--exec-jobs', flags.execJobs) ?? availableParallelism();
  const effectiveUid = process.geteuid?.() ?? 0;
  // The sandbox (child_process, net) is loaded only by runs that execute code (docs/decisions/0320).
  const [{ checkSandbox }, { createPythonExecutor }, { defaultResourceLimits }] = await Promise.all([
    import('../../scoring/sandbox/check-sandbox.ts'),
    import('../../scoring/sandbox/create-python-executor.ts'),
    import('../../scoring/sandbox/resource-limits.ts'),
  ]);
  const limits = defaultResourceLimits({ timeoutMs });
  const executor = createPythonExecutor({
    isolation: flags.unsafeNoSandbox ? 'none' : 'bubblewrap',
    timeoutMs,
    parallelism,
    effectiveUid,
    // Not root: programs keep the user's uid, whose other processes count against the same limit.
    ...(effectiveUid === 0 ? {} : { limits: { processes: limits.processes + tasksOfUid(effectiveUid) } }),
    monotonicMs: io.monotonicMs,
  });
  if (flags.unsafeNoSandbox) {
    io.stderr(
      'parity: WARNING: --unsafe-no-sandbox: model-written code runs without a sandbox, with your permissions\n',
    );
    return executor;
  }
  const check = await checkSandbox(executor);
  if (!check.ok) {
    throw new InputError(
      `refusing to run model-written code: no working sandbox (${check.reason}). Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) and allow user namespaces (sysctl kernel.unprivileged_userns_clone=1, or run as root), or pass --unsafe-no-sandbox inside a disposable container`,
    );
  }
  return executor;
}
