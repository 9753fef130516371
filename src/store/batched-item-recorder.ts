import type { ItemRecord, RunStore } from '../spec/index.ts';

export interface BatchedItemRecorder {
  /** Queues a record. It is stored, and `onStored` called, when its batch commits. */
  add(record: ItemRecord): void;
  /** Commits what is queued now. Throws the error of a failed commit (this one or an earlier timed one). */
  flush(): void;
}

export interface BatchedItemRecorderOptions {
  readonly store: RunStore;
  readonly runId: string;
  /** Wall clock for `updatedAt`. */
  readonly now: () => Date;
  /** A batch commits as soon as it holds this many records. Default 64. */
  readonly maxBatchSize?: number;
  /** …or this long after its first record was queued, in milliseconds. Default 100. */
  readonly maxDelayMs?: number;
  /** Called with each batch once it is committed, in the order the records were added. */
  readonly onStored?: (records: readonly ItemRecord[]) => void;
  /** A commit started by the timer failed; the caller should stop (the next `add` or `flush` throws it too). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Group commit of item records: records are written in batches, each one immediate transaction, instead of one
 * transaction per record. Several processes writing one store then take the write lock a few times a second
 * instead of once per item. A record counts as done only once its batch committed: a process killed before that
 * loses the batch, and `parity resume` requests those items again (never an item that was stored).
 */
export function createBatchedItemRecorder(options: BatchedItemRecorderOptions): BatchedItemRecorder {
  const maxBatchSize = options.maxBatchSize ?? 64;
  const maxDelayMs = options.maxDelayMs ?? 100;
  let queued: ItemRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failure: { error: unknown } | undefined;

  function commit(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (failure) throw failure.error;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    try {
      options.store.recordItems(options.runId, batch, { updatedAt: options.now().toISOString() });
    } catch (error) {
      failure = { error };
      throw error;
    }
    options.onStored?.(batch);
  }

  return {
    add(record) {
      if (failure) throw failure.error;
      queued.push(record);
      if (queued.length >= maxBatchSize) {
        commit();
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        try {
          commit();
        } catch (error) {
          options.onError?.(error);
        }
      }, maxDelayMs);
    },
    flush: commit,
  };
}
