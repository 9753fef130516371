import { copyRuns, createIdQueue } from '../../../store/copy-runs.ts';
import type { CliIo } from '../../cli-io.ts';
import { openStoreLocation, shownLocation } from './open-store-location.ts';

export interface StoreCopyFlags {
  readonly from: string;
  readonly to: string;
  readonly run?: string[];
  readonly json?: boolean;
}

/**
 * `parity store copy --from A --to B`: copies runs (items, fingerprints, gold answers, labels, history) and the
 * response cache between an SQLite file and a PostgreSQL database, either way (docs/team-store.md). Runs the
 * destination has already are skipped, so it can be run again after more runs.
 */
export function storeCopyCommand(flags: StoreCopyFlags, io: CliIo): number {
  const from = openStoreLocation(io, flags.from, { flag: '--from' });
  try {
    const ids = createIdQueue();
    const to = openStoreLocation(io, flags.to, { flag: '--to', generateId: ids.take });
    try {
      const result = copyRuns({ from, to, ids, ...(flags.run ? { runIds: flags.run } : {}) });
      if (flags.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const runId of result.copied) io.stdout(`copied run ${runId}\n`);
        for (const runId of result.skipped) io.stdout(`skipped run ${runId} (already in the destination)\n`);
        io.stdout(
          `${result.copied.length} runs, ${result.items} items and ${result.cacheEntries} cache entries from ${shownLocation(flags.from)} to ${shownLocation(flags.to)}\n`,
        );
      }
      return 0;
    } finally {
      to.close();
    }
  } finally {
    from.close();
  }
}
