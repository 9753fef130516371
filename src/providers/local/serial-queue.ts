/**
 * Runs tasks one at a time, in the order they were added. A task whose signal fires while it waits is
 * dropped from the line and rejects with the signal's reason, without ever starting.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const { signal } = options;
    const started = this.tail.then(
      () => (signal?.aborted ? Promise.reject(signal.reason) : task()),
      () => (signal?.aborted ? Promise.reject(signal.reason) : task()),
    );
    // The next task waits for this one to settle, whatever its outcome.
    this.tail = started.catch(() => undefined);
    if (!signal) return started;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      started.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
