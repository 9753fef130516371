import type { RunnerEvent } from './runner-event.ts';

/** A point-in-time view of a run's progress. */
export interface ProgressState {
  /** Planned items of the whole run, including those done before a resume. */
  readonly totalItems: number;
  /** Items with an outcome (ok or error), including `alreadyDoneItems`. */
  readonly doneItems: number;
  /** Outcomes served from the response cache during this session. */
  readonly cachedItems: number;
  /** Outcomes with an error during this session. */
  readonly failedItems: number;
  /** Retries scheduled during this session. */
  readonly retries: number;
  /** Tokens of responses fetched from the model during this session (cache hits cost nothing and are not counted); unknown usage counts as 0. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /**
   * false when responses were fetched from the model this session but none reported usage (the token counts
   * are unknown, not 0); true otherwise.
   */
  readonly tokensKnown: boolean;
  /** Outcomes per second over the recent window (or since start when shorter); 0 before the first. */
  readonly itemsPerSecond: number;
  /** Seconds left at the current rate; 0 when done; undefined while the rate is 0. */
  readonly etaSeconds: number | undefined;
  /** Milliseconds since the tracker was created. */
  readonly elapsedMs: number;
}

export interface ProgressTrackerOptions {
  readonly totalItems: number;
  /** Items already done before this session (resume); they count as done but not in the rate. Default 0. */
  readonly alreadyDoneItems?: number;
  /** Milliseconds, monotonic or wall clock; read on creation, on each event and on each snapshot. */
  readonly now: () => number;
  /** Width of the rate window in milliseconds. Default 10 000. */
  readonly windowMs?: number;
}

export interface ProgressTracker {
  record(event: RunnerEvent): void;
  snapshot(): ProgressState;
}

/** Pure bookkeeping of runner events: no I/O, no timers; time comes only from `now`. */
export function createProgressTracker(options: ProgressTrackerOptions): ProgressTracker {
  const { totalItems, now } = options;
  const windowMs = options.windowMs ?? 10_000;
  const startedAtMs = now();
  let doneItems = options.alreadyDoneItems ?? 0;
  let cachedItems = 0;
  let failedItems = 0;
  let retries = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let fetched = 0;
  let reported = 0;
  // Completion times inside the window, oldest first; `head` skips the expired ones without shifting.
  let completionTimes: number[] = [];
  let head = 0;

  function dropExpired(atMs: number): void {
    while (head < completionTimes.length && (completionTimes[head] ?? 0) <= atMs - windowMs) head += 1;
    if (head > 1024 && head * 2 > completionTimes.length) {
      completionTimes = completionTimes.slice(head);
      head = 0;
    }
  }

  return {
    record(event) {
      if (event.type === 'retry') {
        retries += 1;
        return;
      }
      if (event.type !== 'request-end') return;
      const atMs = now();
      doneItems += 1;
      if (event.cached) cachedItems += 1;
      else {
        inputTokens += event.usage?.inputTokens ?? 0;
        outputTokens += event.usage?.outputTokens ?? 0;
        if (event.status === 'ok') fetched += 1;
        if (event.usage?.inputTokens !== undefined || event.usage?.outputTokens !== undefined) reported += 1;
      }
      if (event.status === 'error') failedItems += 1;
      completionTimes.push(atMs);
      dropExpired(atMs);
    },
    snapshot() {
      const atMs = now();
      dropExpired(atMs);
      const elapsedMs = Math.max(0, atMs - startedAtMs);
      const spanMs = Math.min(windowMs, elapsedMs);
      const recent = completionTimes.length - head;
      const itemsPerSecond = spanMs > 0 ? (recent * 1000) / spanMs : 0;
      const remaining = Math.max(0, totalItems - doneItems);
      const etaSeconds = remaining === 0 ? 0 : itemsPerSecond > 0 ? remaining / itemsPerSecond : undefined;
      return {
        totalItems,
        doneItems,
        cachedItems,
        failedItems,
        retries,
        inputTokens,
        outputTokens,
        tokensKnown: fetched === 0 || reported > 0,
        itemsPerSecond,
        etaSeconds,
        elapsedMs,
      };
    },
  };
}
