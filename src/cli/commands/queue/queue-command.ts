import { openItemQueue } from '../../../store/postgres/item-queue.ts';
import type { CliIo } from '../../cli-io.ts';
import { openRunStore } from '../../open-run-store.ts';
import { queueStoreUrl } from '../../team-queue.ts';

export interface QueueFlags {
  readonly store?: string;
  readonly json?: boolean;
}

/** `parity queue`: jobs per queued run (pending, running, completed, failed) and the run's stored progress. */
export async function queueCommand(flags: QueueFlags, io: CliIo): Promise<number> {
  const url = queueStoreUrl(io, flags.store, 'parity queue');
  const store = openRunStore(io, { store: url, allowReadOnly: true });
  const queue = await openItemQueue({ url });
  try {
    const rows = (await queue.status()).map((status) => {
      const summary = store.getSummary(status.runId);
      return {
        ...status,
        doneItems: summary?.doneItems ?? 0,
        totalItems: summary?.totalItems ?? 0,
        status: summary?.status ?? 'deleted',
      };
    });
    if (flags.json) {
      io.stdout(`${JSON.stringify({ runs: rows }, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      io.stdout('no queued runs\n');
      return 0;
    }
    io.stdout('run                    pending  running  failed  done  items        status\n');
    for (const row of rows) {
      io.stdout(
        `${row.runId.padEnd(22)} ${String(row.pending).padStart(7)}  ${String(row.running).padStart(7)}  ${String(row.failed).padStart(6)}  ${String(row.completed).padStart(4)}  ${`${row.doneItems}/${row.totalItems}`.padEnd(11)}  ${row.status}\n`,
      );
    }
    return 0;
  } finally {
    await queue.stop();
    store.close();
  }
}
