import { CancelledError, ParityError, ProviderError } from '../../spec/errors.ts';
import type { CallCancellation, CallOptions } from '../../spec/language-model.ts';

/** Tells listeners, without an AbortSignal, that a call's deadline fired (parity's own transport uses it). */
export interface DeadlineWatch {
  /** Why the deadline fired, or undefined while it has not. */
  readonly firedBy: 'caller' | 'timeout' | undefined;
  /** Calls `listener` once when the deadline fires (not when it already has: check `firedBy` first). */
  watch(listener: () => void): void;
  unwatch(listener: () => void): void;
}

/**
 * One signal for a provider call that fires on the caller's abort or when `timeoutMs` runs out, whichever
 * comes first, and remembers which of the two it was. Covers the whole call, streaming body included
 * (the SDK's own timeout stops at the response headers). The AbortSignal is made only when someone asks for
 * it: parity's own transport watches the deadline instead (an AbortController and its listeners cost every
 * call CPU; docs/decisions/0310).
 */
export interface CallDeadline extends DeadlineWatch {
  /** False when the call has neither a signal nor a timeout (nothing can fire). */
  readonly bounded: boolean;
  /** Pass this to the transport; undefined when the call has neither a signal nor a timeout. */
  readonly signal: AbortSignal | undefined;
  /** Clears the timer and the listener on the caller's signal. Call it in `finally`. */
  dispose(): void;
}

const unbounded: CallDeadline = {
  bounded: false,
  signal: undefined,
  firedBy: undefined,
  dispose() {},
  watch() {},
  unwatch() {},
};

class ActiveDeadline implements CallDeadline {
  readonly bounded = true;
  firedBy: 'caller' | 'timeout' | undefined = undefined;
  private controller: AbortController | undefined;
  private reason: unknown;
  private readonly callerSignal: AbortSignal | undefined;
  private readonly cancellation: CallCancellation | undefined;
  private readonly onCancelled: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners: (() => void)[] | undefined;

  constructor(options: CallOptions) {
    const { cancellation } = options;
    if (cancellation !== undefined) {
      // The caller's cancellation without its AbortSignal: `options.signal` is never read, so the runner never
      // makes one (docs/decisions/0355).
      this.cancellation = cancellation;
      if (cancellation.fired) this.fire('caller');
      else {
        this.onCancelled = () => this.fire('caller');
        cancellation.watch(this.onCancelled);
      }
    } else if (options.signal) {
      this.callerSignal = options.signal;
      if (options.signal.aborted) this.fire('caller');
      // The deadline itself listens (handleEvent): no closure or options object per call. It is removed in
      // `dispose`; firing twice does nothing.
      else options.signal.addEventListener('abort', this);
    }
    if (options.timeoutMs !== undefined && this.firedBy === undefined) {
      this.timer = setTimeout(() => this.fire('timeout'), options.timeoutMs);
    }
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.firedBy !== undefined) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  watch(listener: () => void): void {
    (this.listeners ??= []).push(listener);
  }

  unwatch(listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index !== -1) this.listeners?.splice(index, 1);
  }

  /** The caller's signal aborted. */
  handleEvent(): void {
    this.fire('caller');
  }

  private fire(cause: 'caller' | 'timeout'): void {
    if (this.firedBy !== undefined) return;
    this.firedBy = cause;
    if (cause === 'timeout') this.reason = new Error('timeout');
    else this.reason = this.cancellation !== undefined ? this.cancellation.reason : this.callerSignal?.reason;
    this.controller?.abort(this.reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onCancelled !== undefined) this.cancellation?.unwatch(this.onCancelled);
    else this.callerSignal?.removeEventListener('abort', this);
    this.listeners = undefined;
  }
}

/** Whether a call's deadline fired: through its watch when it has one (no AbortSignal is made), else its signal. */
export function callAborted(context: {
  readonly signal: AbortSignal | undefined;
  readonly deadline?: DeadlineWatch | undefined;
}): boolean {
  return context.deadline !== undefined
    ? context.deadline.firedBy !== undefined
    : context.signal?.aborted === true;
}

/** The abort reason of a call's caller: its cancellation's when it passed one (its `signal` is then not read). */
function callerReason(options: CallOptions): unknown {
  return options.cancellation !== undefined ? options.cancellation.reason : options.signal?.reason;
}

/** Starts the deadline of one call. Allocates nothing when the call has neither a signal nor a timeout. */
export function startCallDeadline(options: CallOptions): CallDeadline {
  if (options.cancellation === undefined && options.signal === undefined && options.timeoutMs === undefined) {
    return unbounded;
  }
  return new ActiveDeadline(options);
}

/**
 * The error a call ends with once its deadline fired: the caller's abort reason when it is a ParityError
 * or another non-abort Error, a CancelledError otherwise; a retryable ProviderError on timeout.
 */
export function deadlineError(options: {
  deadline: CallDeadline;
  callOptions: CallOptions;
  provider: string;
  /** Where the call went, for the message, e.g. a base URL or a model path. */
  target: string;
}): Error {
  if (options.deadline.firedBy === 'timeout') {
    return new ProviderError({
      provider: options.provider,
      message: `request timed out after ${options.callOptions.timeoutMs} ms (${options.target})`,
      isRetryable: true,
    });
  }
  const reason = callerReason(options.callOptions);
  if (reason instanceof ParityError) return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new CancelledError('request cancelled');
}
