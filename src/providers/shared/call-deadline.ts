import { CancelledError, ParityError, ProviderError } from '../../spec/errors.ts';
import type { CallOptions } from '../../spec/language-model.ts';

/**
 * One signal for a provider call that fires on the caller's abort or when `timeoutMs` runs out, whichever
 * comes first, and remembers which of the two it was. Covers the whole call, streaming body included
 * (the SDK's own timeout stops at the response headers).
 */
export interface CallDeadline {
  /** Pass this to the transport; undefined when the call has neither a signal nor a timeout. */
  readonly signal: AbortSignal | undefined;
  /** Why the signal fired, or undefined while it has not. */
  readonly firedBy: 'caller' | 'timeout' | undefined;
  /** Clears the timer and the listener on the caller's signal. Call it in `finally`. */
  dispose(): void;
}

const unbounded: CallDeadline = { signal: undefined, firedBy: undefined, dispose() {} };

class ActiveDeadline implements CallDeadline {
  firedBy: 'caller' | 'timeout' | undefined = undefined;
  private readonly controller = new AbortController();
  private readonly callerSignal: AbortSignal | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = () => this.fire('caller');

  constructor(options: CallOptions) {
    this.callerSignal = options.signal;
    if (options.signal) {
      if (options.signal.aborted) this.fire('caller');
      else options.signal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    if (options.timeoutMs !== undefined && this.firedBy === undefined) {
      this.timer = setTimeout(() => this.fire('timeout'), options.timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private fire(cause: 'caller' | 'timeout'): void {
    if (this.firedBy !== undefined) return;
    this.firedBy = cause;
    this.controller.abort(cause === 'caller' ? this.callerSignal?.reason : new Error('timeout'));
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Starts the deadline of one call. Allocates nothing when the call has neither a signal nor a timeout. */
export function startCallDeadline(options: CallOptions): CallDeadline {
  if (options.signal === undefined && options.timeoutMs === undefined) return unbounded;
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
  const reason: unknown = options.callOptions.signal?.reason;
  if (reason instanceof ParityError) return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new CancelledError('request cancelled');
}
