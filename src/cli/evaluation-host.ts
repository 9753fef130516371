import type { EvaluationHost } from '../evaluation/evaluation-host.ts';
import type { CliIo } from './cli-io.ts';
import { currentOwner, startHeartbeat } from './open-run-store.ts';
import { createProgressReporter } from './progress-reporter.ts';

/** The engine's host in the CLI: the io's clock and signal, this process as the run owner, progress on stderr. */
export function cliEvaluationHost(io: CliIo): EvaluationHost {
  return {
    now: io.now,
    ...(io.signal ? { signal: io.signal } : {}),
    owner: () => currentOwner(io),
    startHeartbeat: (store, runId) => startHeartbeat(io, store, runId),
    progress: (start) => createProgressReporter({ io, ...start }),
  };
}
