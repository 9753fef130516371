import { InputError } from '../spec/index.ts';
import { isPostgresUrl } from '../store/postgres/postgres-store-error.ts';
import type { CliIo } from './cli-io.ts';

/** The PostgreSQL URL of `--store` (or PARITY_STORE); workers and queues need the team store. */
export function queueStoreUrl(io: CliIo, store: string | undefined, command: string): string {
  const url = store ?? io.env.PARITY_STORE;
  if (url === undefined || !isPostgresUrl(url)) {
    throw new InputError(
      `${command} needs a PostgreSQL run store: --store postgres://user@host/db (or PARITY_STORE); see docs/team-store.md`,
    );
  }
  return url;
}

/** `parity eval … --queue`: puts the run's items on the queue of its PostgreSQL store (jobs of a few items each). */
export async function enqueueRun(
  io: CliIo,
  options: { store: string | undefined; runId: string; itemIds: readonly string[] },
): Promise<number> {
  const url = queueStoreUrl(io, options.store, 'parity eval --queue');
  // pg-boss loads only here: `parity eval` without --queue never pays for it.
  const { openItemQueue } = await import('../store/postgres/item-queue.ts');
  const queue = await openItemQueue({ url });
  try {
    return await queue.enqueue(options.runId, options.itemIds);
  } finally {
    await queue.stop();
  }
}
