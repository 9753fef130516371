import { CancelledError, ProviderError } from '../spec/index.ts';
import type {
  CallOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LogLikelihoodRequest,
} from '../spec/index.ts';
import { deadlineQueueFor, monotonicMs, type DeadlineQueue, type QueuedCall } from './deadline-queue.ts';
import { RunnerCallOptions, RunnerCancellation } from './runner-cancellation.ts';

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

/** One call's state: settled by the model's answer, the deadline or `cancel`, whichever comes first. */
class PendingCall implements ModelCall, QueuedCall {
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
      this.queue = deadlineQueueFor(timeoutMs);
      this.queue.add(this);
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
 * own signal once for all of them, not once per call). The model gets `timeoutMs` and a cancellation that fires at
 * the deadline or on cancellation (`CallOptions.cancellation`, and `signal` made when read); `result` settles at
 * that moment even when the model ignores both.
 */
export function startModelCall(options: ModelCallOptions): ModelCall {
  const { timeoutMs } = options;
  const limited = Number.isFinite(timeoutMs) && timeoutMs <= largestTimerDelayMs;
  return new PendingCall(options, limited);
}
