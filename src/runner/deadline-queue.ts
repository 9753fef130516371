/** A call in a DeadlineQueue: its deadline on monotonicMs' clock, whether it settled, and how it is timed out. */
export interface QueuedCall {
  readonly deadline: number;
  readonly isSettled: boolean;
  timeOut(): void;
}

/**
 * Milliseconds on Node's monotonic clock, the one timers run on. Not `performance.now()`: the `performance` global
 * loads perf_hooks, which an eval otherwise never needs (docs/decisions/0345).
 */
export const monotonicMs = (): number => process.uptime() * 1000;

/**
 * The calls in flight with one timeout, in the order they started, under one timer: a run's calls share their
 * timeout, so their deadlines come in the order they started. A timer per call cost every call a Timeout object
 * and two updates of Node's timer lists; here a call is one entry in an array. The timer is armed while any
 * call is in flight and fires at the oldest one's deadline (or later, never earlier); nothing is left armed
 * once the last call settles.
 */
export class DeadlineQueue {
  private calls: QueuedCall[] = [];
  private head = 0;
  private live = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly timeoutMs: number) {}

  add(call: QueuedCall): void {
    this.calls.push(call);
    this.live += 1;
    this.timer ??= setTimeout(this.fire, this.timeoutMs);
  }

  /** `call` settled: its entry is skipped from now on, and dropped once it is the oldest. */
  settled(): void {
    this.live -= 1;
    if (this.live === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.calls = [];
      this.head = 0;
      return;
    }
    const { calls } = this;
    while (this.head < calls.length && (calls[this.head] as QueuedCall).isSettled) this.head += 1;
    // Settled entries at the front are dropped in one copy now and then (calls end in about the order they
    // started, so few are ever kept behind a slow one).
    if (this.head > 1024 && this.head * 2 > calls.length) {
      this.calls = calls.slice(this.head);
      this.head = 0;
    }
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = monotonicMs();
    const expired: QueuedCall[] = [];
    const { calls } = this;
    while (this.head < calls.length) {
      const call = calls[this.head] as QueuedCall;
      if (!call.isSettled) {
        if (call.deadline > now) break;
        expired.push(call);
      }
      this.head += 1;
    }
    // Timing a call out settles it, which may empty the queue: the next deadline is taken first.
    const next = calls[this.head];
    if (next !== undefined) this.timer = setTimeout(this.fire, Math.max(1, next.deadline - now));
    for (const call of expired) call.timeOut();
  };
}

/** Queues by timeout (a run has one or two timeouts; an idle queue holds nothing). */
const deadlineQueues = new Map<number, DeadlineQueue>();

/** The queue of the calls with this timeout. */
export function deadlineQueueFor(timeoutMs: number): DeadlineQueue {
  let queue = deadlineQueues.get(timeoutMs);
  if (queue === undefined) {
    queue = new DeadlineQueue(timeoutMs);
    deadlineQueues.set(timeoutMs, queue);
  }
  return queue;
}
