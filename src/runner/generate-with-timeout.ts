import { CancelledError, ProviderError } from '../spec/index.ts';
import type {
  CallCancellation,
  CallOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LogLikelihoodRequest,
} from '../spec/index.ts';

export interface ModelCallOptions {
  readonly model: LanguageModel;
  readonly request: GenerateRequest;
  /** Milliseconds one call may take; a non-finite value (Infinity) means no limit and is not passed to the model. */
  readonly timeoutMs: number;
  /** Ask for these log-likelihoods instead of generating (the model must have `logLikelihood`). */
  readonly logLikelihood?: LogLikelihoodRequest;
}

/**
 * A log-likelihood call as a GenerateResult: `text` is the most likely continuation (the first on a tie),
 * `logLikelihoods` all of them.
 */
async function callLogLikelihood(
  model: LanguageModel,
  request: LogLikelihoodRequest,
  callOptions: CallOptions,
): Promise<GenerateResult & { logLikelihoods: readonly number[] }> {
  if (!model.logLikelihood) {
    throw new ProviderError({
      provider: model.identity.provider,
      message: 'this provider cannot compute log-likelihoods',
      isRetryable: false,
    });
  }
  const result = await model.logLikelihood(request, callOptions);
  let best = 0;
  result.logLikelihoods.forEach((value, index) => {
    if (value > (result.logLikelihoods[best] ?? Number.NEGATIVE_INFINITY)) best = index;
  });
  const bestValue = result.logLikelihoods[best];
  const tied = request.continuations.filter((_, index) => result.logLikelihoods[index] === bestValue);
  if (tied.length > 1) {
    // Identical log-likelihoods mean the server scored the same tokens for each (or cannot tell them apart):
    // reported, never silently won by the first choice.
    throw new ProviderError({
      provider: model.identity.provider,
      message: `log-likelihood tie: ${tied.map((text) => JSON.stringify(text)).join(', ')} all scored ${String(bestValue)}; the endpoint cannot tell the choices apart`,
      isRetryable: false,
      kind: 'log-likelihood-tie',
    });
  }
  return {
    text: request.continuations[best] ?? '',
    finishReason: 'stop',
    usage: result.usage,
    timing: result.timing,
    prefillApplied: false,
    logLikelihoods: result.logLikelihoods,
    ...(result.raw === undefined ? {} : { raw: result.raw }),
  };
}

/** setTimeout fires at once for delays above 2^31 − 1 ms; treat those as "no limit". */
const largestTimerDelayMs = 2 ** 31 - 1;

/** A model call under way (`startModelCall`). */
export interface ModelCall {
  /**
   * Resolves or rejects as the model did, unless first:
   * - past the deadline → ProviderError (isRetryable: true, no statusCode) "request timed out after N ms";
   * - `cancel` → CancelledError.
   */
  readonly result: Promise<GenerateResult>;
  /** Ends the call as cancelled: `result` rejects with CancelledError and the model's signal aborts (nothing once settled). */
  cancel(): void;
}

/**
 * Milliseconds on Node's monotonic clock, the one timers run on. Not `performance.now()`: the `performance` global
 * loads perf_hooks, which an eval otherwise never needs (docs/decisions/0345).
 */
const monotonicMs = (): number => process.uptime() * 1000;

/**
 * The calls in flight with one timeout, in the order they started, under one timer: a run's calls share their
 * timeout, so their deadlines come in the order they started. A timer per call cost every call a Timeout object
 * and two updates of Node's timer lists; here a call is one entry in an array. The timer is armed while any
 * call is in flight and fires at the oldest one's deadline (or later, never earlier); nothing is left armed
 * once the last call settles.
 */
class DeadlineQueue {
  private calls: PendingCall[] = [];
  private head = 0;
  private live = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly timeoutMs: number) {}

  add(call: PendingCall): void {
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
    while (this.head < calls.length && (calls[this.head] as PendingCall).isSettled) this.head += 1;
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
    const expired: PendingCall[] = [];
    const { calls } = this;
    while (this.head < calls.length) {
      const call = calls[this.head] as PendingCall;
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

/**
 * What stops one call, as the model sees it: `CallOptions.cancellation`, and `signal` made only when the model
 * reads it (parity's providers watch the cancellation instead; an AbortController, its AbortSignal and their
 * listeners were the largest per-call cost outside I/O; docs/decisions/0355). Fires once, at the deadline or on
 * `cancel`.
 */
class RunnerCancellation implements CallCancellation {
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
class RunnerCallOptions implements CallOptions {
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

/** One call's state: settled by the model's answer, the deadline or `cancel`, whichever comes first. */
class PendingCall implements ModelCall {
  readonly result: Promise<GenerateResult>;
  readonly deadline: number;
  isSettled = false;
  // Set by the promise's executor, which runs in the constructor.
  private resolve!: (value: GenerateResult) => void;
  private reject!: (error: Error) => void;
  private readonly cancellation = new RunnerCancellation();
  private readonly queue: DeadlineQueue | undefined;

  constructor(
    private readonly options: ModelCallOptions,
    limited: boolean,
  ) {
    const { model, request, timeoutMs } = options;
    const callOptions = new RunnerCallOptions(this.cancellation, limited ? timeoutMs : undefined);
    this.deadline = limited ? monotonicMs() + timeoutMs : Infinity;
    this.result = new Promise<GenerateResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (limited) {
      let queue = deadlineQueues.get(timeoutMs);
      if (queue === undefined) {
        queue = new DeadlineQueue(timeoutMs);
        deadlineQueues.set(timeoutMs, queue);
      }
      queue.add(this);
      this.queue = queue;
    }
    let call: Promise<GenerateResult>;
    try {
      call = options.logLikelihood
        ? callLogLikelihood(model, options.logLikelihood, callOptions)
        : model.generate(request, callOptions);
    } catch (error) {
      if (this.settle()) this.reject(error as Error);
      return;
    }
    // When the deadline or the cancellation wins, the model's own later answer or rejection goes nowhere.
    call.then(this.answered, this.failed);
  }

  private readonly answered = (value: GenerateResult): void => {
    if (this.settle()) this.resolve(value);
  };

  private readonly failed = (error: unknown): void => {
    if (this.settle()) this.reject(error as Error);
  };

  private settle(): boolean {
    if (this.isSettled) return false;
    this.isSettled = true;
    this.queue?.settled();
    return true;
  }

  private stopEarly(error: Error): void {
    if (!this.settle()) return;
    this.reject(error);
    this.cancellation.fire(error);
  }

  timeOut(): void {
    this.stopEarly(
      new ProviderError({
        provider: this.options.model.identity.provider,
        message: `request timed out after ${this.options.timeoutMs} ms`,
        isRetryable: true,
      }),
    );
  }

  cancel(): void {
    this.stopEarly(new CancelledError());
  }
}

/**
 * One model call with a deadline, cancelled through `cancel` (a caller with many calls in flight listens on its
 * own signal once for all of them, not once per call). The model gets `timeoutMs` and an AbortSignal (with the
 * same as a CallCancellation, which needs no signal) that fires at the deadline or on cancellation; `result` settles at that moment even when the model ignores the signal.
 */
export function startModelCall(options: ModelCallOptions): ModelCall {
  const { timeoutMs } = options;
  const limited = Number.isFinite(timeoutMs) && timeoutMs <= largestTimerDelayMs;
  return new PendingCall(options, limited);
}
