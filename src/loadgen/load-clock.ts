/** The clock the load generator runs on: monotonic milliseconds and a cancellable sleep. Injected for tests. */
export interface LoadClock {
  now(): number;
  /** Resolves after `milliseconds` (at once when ≤ 0) or when `signal` aborts. */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and timers. */
export function systemLoadClock(): LoadClock {
  return {
    now: () => performance.now(),
    sleep: (milliseconds, signal) =>
      new Promise<void>((resolve) => {
        if (milliseconds <= 0 || signal?.aborted) {
          resolve();
          return;
        }
        const timer = setTimeout(done, milliseconds);
        function done(): void {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
}
