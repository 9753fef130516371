import { CancelledError, ProviderError } from '../spec/index.ts';
import type {
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
 * One model call with a deadline, cancelled through `cancel` (a caller with many calls in flight listens on its
 * own signal once for all of them, not once per call). The model gets both `timeoutMs` and an AbortSignal that
 * fires at the deadline or on cancellation; `result` settles at that moment even when the model ignores the signal.
 */
export function startModelCall(options: ModelCallOptions): ModelCall {
  const { model, request, timeoutMs } = options;
  const controller = new AbortController();
  const limited = Number.isFinite(timeoutMs) && timeoutMs <= largestTimerDelayMs;
  const callOptions: CallOptions = limited
    ? { signal: controller.signal, timeoutMs }
    : { signal: controller.signal };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopEarly: (error: Error) => void = () => undefined;
  // One promise settled by whichever comes first: the call, the deadline or the cancellation.
  const result = new Promise<GenerateResult>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      return true;
    };
    stopEarly = (error) => {
      if (!settle()) return;
      reject(error);
      controller.abort(error);
    };
    if (limited) {
      timer = setTimeout(() => {
        stopEarly(
          new ProviderError({
            provider: model.identity.provider,
            message: `request timed out after ${timeoutMs} ms`,
            isRetryable: true,
          }),
        );
      }, timeoutMs);
    }
    let call: Promise<GenerateResult>;
    try {
      call = options.logLikelihood
        ? callLogLikelihood(model, options.logLikelihood, callOptions)
        : model.generate(request, callOptions);
    } catch (error) {
      settle();
      reject(error as Error);
      return;
    }
    // When the deadline or the cancellation wins, the model's own later answer or rejection goes nowhere.
    call.then(
      (value) => {
        if (settle()) resolve(value);
      },
      (error: unknown) => {
        if (settle()) reject(error as Error);
      },
    );
  });
  return { result, cancel: () => stopEarly(new CancelledError()) };
}
