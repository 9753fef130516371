import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { openRunStore } from '../../open-run-store.ts';
import { storePath } from '../../paths.ts';

export interface RmFlags {
  readonly store?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

/**
 * `parity rm <run…>`: deletes runs with their item records (cached responses stay, other runs may use them).
 * Every id is checked first, so a typo deletes nothing; a run still running (its owner alive) is refused
 * unless --force.
 */
export function rmCommand(runIds: readonly string[], flags: RmFlags, io: CliIo): number {
  const path = storePath(io, flags.store);
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    for (const runId of runIds) {
      const run = store.getSummary(runId);
      if (!run) throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`, { location: runId });
      if (run.status === 'running' && !flags.force) {
        throw new InputError(
          `run ${runId} is still running (pid ${run.owner?.pid ?? '?'}); stop it first, or pass --force`,
          { location: runId },
        );
      }
    }
    const deleted = runIds.filter((runId) => store.deleteRun?.(runId) ?? false);
    if (flags.json) io.stdout(`${JSON.stringify({ deleted }, null, 2)}\n`);
    else for (const runId of deleted) io.stdout(`deleted run ${runId}\n`);
    return 0;
  } finally {
    store.close();
  }
}
