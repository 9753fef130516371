import type { CallCancellation, CallOptions } from '../spec/index.ts';

/**
 * What stops one call, as the model sees it: `CallOptions.cancellation`, and `signal` made only when the model
 * reads it (parity's providers watch the cancellation instead; an AbortController, its AbortSignal and their
 * listeners were the largest per-call cost outside I/O; docs/decisions/0355). Fires once, at the deadline or on
 * `cancel`.
 */
export class RunnerCancellation implements CallCancellation {
  fired = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  // A call has one watcher (its provider's deadline); more go to `others`.
  private listener: (() => void) | undefined;
  private others: (() => void)[] | undefined;

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.fired) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  watch(listener: () => void): void {
    if (this.listener === undefined) this.listener = listener;
    else (this.others ??= []).push(listener);
  }

  unwatch(listener: () => void): void {
    if (this.listener === listener) {
      this.listener = this.others?.shift();
      return;
    }
    const index = this.others?.indexOf(listener) ?? -1;
    if (index !== -1) this.others?.splice(index, 1);
  }

  fire(reason: Error): void {
    this.fired = true;
    this.reason = reason;
    // The signal aborts first, as it did when it was the only way to stop a call.
    this.controller?.abort(reason);
    const { listener, others } = this;
    this.listener = undefined;
    this.others = undefined;
    listener?.();
    if (others !== undefined) for (const each of others) each();
  }
}

/** `signal` of RunnerCallOptions: one accessor for every call's options (made only when read). */
const signalProperty: PropertyDescriptor = {
  get(this: RunnerCallOptions): AbortSignal {
    return this.cancellation.signal;
  },
  enumerable: true,
};

/**
 * The options a model gets. `signal` is an own property, so a model that spreads the options passes it on (a
 * getter on the prototype would be lost); it is defined with one shared descriptor, which keeps the object's
 * properties fast (an object literal with a getter makes a new accessor each time and goes to dictionary mode).
 */
export class RunnerCallOptions implements CallOptions {
  declare readonly signal: AbortSignal;
  declare readonly timeoutMs?: number;

  constructor(
    readonly cancellation: RunnerCancellation,
    timeoutMs: number | undefined,
  ) {
    if (timeoutMs !== undefined) (this as { timeoutMs?: number }).timeoutMs = timeoutMs;
    Object.defineProperty(this, 'signal', signalProperty);
  }
}
