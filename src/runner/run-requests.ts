import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { CancelledError, InputError, ProviderError } from '../spec/index.ts';
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LogLikelihoodRequest,
  ModelResponse,
} from '../spec/index.ts';
import { backoffDelay, defaultRetryBaseDelayMs, defaultRetryMaxDelayMs } from './backoff-delay.ts';
import { runConcurrently } from './concurrency-pool.ts';
import { estimateRequestTokens } from './estimate-request-tokens.ts';
import { startModelCall, type ModelCall } from './generate-with-timeout.ts';
import type { RequestGate, RequestPermit } from './request-gate.ts';
import type { RunnerEvent } from './runner-event.ts';

export interface PlannedRequest {
  readonly itemId: string;
  readonly sample: number;
  readonly request: GenerateRequest;
  /** From `responseCacheKey`; looked up with `getCached` before calling the model. */
  readonly cacheKey: string;
  /** When set, the model is asked for log-likelihoods instead (`request` is then only the stored rendering). */
  readonly logLikelihood?: LogLikelihoodRequest;
}

/** What became of one planned request: exactly one of `response` and `error` is set. */
export interface RequestOutcome {
  readonly planned: PlannedRequest;
  readonly response?: ModelResponse;
  /** The last attempt's error. A ProviderError tells status code and retryability, so a caller can stop a run on 401/403/404. */
  readonly error?: Error;
  /** True when the response came from `getCached` (no model call; `attempts` is 0). */
  readonly cached: boolean;
  /** Model calls made for this request. */
  readonly attempts: number;
}

export interface RunRequestsOptions {
  readonly model: LanguageModel;
  /** Pulled lazily, one element per free slot. */
  readonly plan: Iterable<PlannedRequest> | AsyncIterable<PlannedRequest>;
  /** Most model calls in flight at once; an integer ≥ 1. */
  readonly concurrency: number;
  /** Further attempts after the first, for retryable errors only (0 = never retry). */
  readonly maxRetries: number;
  /** Per attempt, in milliseconds; passed to the model as CallOptions.timeoutMs and enforced here too. Infinity = none. */
  readonly timeoutMs: number;
  /** A returned response is used instead of calling the model. */
  readonly getCached: (cacheKey: string) => ModelResponse | undefined;
  /**
   * Called synchronously once per planned request as it completes (success or final failure), in completion
   * order. If it (or getCached or onEvent) throws, the run stops (in-flight calls are aborted) and runRequests rejects with that error.
   */
  readonly onOutcome: (outcome: RequestOutcome) => void;
  readonly onEvent?: (event: RunnerEvent) => void;
  /**
   * Cancels the run: no new request starts, in-flight calls and backoff waits are aborted and produce no
   * outcome; runRequests then resolves with `cancelled: true`.
   */
  readonly signal?: AbortSignal;
  /** First backoff ceiling; doubles per attempt. Default 500 ms. */
  readonly retryBaseDelayMs?: number;
  /** Largest backoff ceiling. Default 30 000 ms. A server's Retry-After may ask for longer and is honoured. */
  readonly retryMaxDelayMs?: number;
  /** Waits `ms`, rejecting when `signal` aborts. Default: a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. Default Math.random. */
  readonly random?: () => number;
  /**
   * Admission control shared with other callers of the same endpoint and key: each attempt waits for a slot
   * under the adaptive concurrency limit and for the per-minute budget before it is sent (the wait is not part
   * of `timeoutMs`), and reports its outcome (overload answers lower the limit). Default: none.
   */
  readonly gate?: RequestGate;
}

export interface RunRequestsResult {
  /** Outcomes with a response (cache hits included). */
  readonly completed: number;
  /** Outcomes with an error. */
  readonly failed: number;
  /** True when `signal` was aborted before the run ended; planned requests may be left without an outcome. */
  readonly cancelled: boolean;
}

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : undefined);
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function isRetryable(error: Error): boolean {
  return 'isRetryable' in error && error.isRetryable === true;
}

function retryAfterMsOf(error: Error): number | undefined {
  if (!('retryAfterMs' in error)) return undefined;
  return typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toModelResponse(result: GenerateResult & { logLikelihoods?: readonly number[] }): ModelResponse {
  const response: Mutable<ModelResponse> = {
    text: result.text,
    finishReason: result.finishReason,
    usage: result.usage,
    timing: result.timing,
    prefillApplied: result.prefillApplied,
  };
  if (result.logLikelihoods !== undefined) response.logLikelihoods = result.logLikelihoods;
  if (result.raw !== undefined) response.raw = result.raw;
  return response;
}

/**
 * An answer with no text that ended because the token budget ran out (a reasoning model that thought past
 * it): not an answer to score as wrong, but an outcome of its own, with the budget and the reasoning it used.
 */
function budgetExhausted(
  model: LanguageModel,
  planned: PlannedRequest,
  result: GenerateResult,
): ProviderError | undefined {
  if (planned.logLikelihood || result.finishReason !== 'length' || result.text.trim() !== '')
    return undefined;
  const { maxTokens, reasoningAllowanceTokens } = planned.request.parameters;
  const reasoning = result.usage.reasoningTokens;
  const budget =
    maxTokens === undefined
      ? "the server's token budget"
      : `the token budget (${maxTokens}${reasoningAllowanceTokens ? ` + ${reasoningAllowanceTokens} for reasoning` : ''})`;
  return new ProviderError({
    provider: model.identity.provider,
    message: `${budget} ran out before any answer text${reasoning === undefined ? '' : ` (${reasoning} reasoning tokens)`}; raise --max-tokens or --reasoning-allowance`,
    isRetryable: false,
    kind: 'budget-exhausted',
  });
}

/**
 * Executes a plan of requests against a model with bounded concurrency, the response cache, per-attempt
 * timeouts and retries (exponential backoff with full jitter, honouring Retry-After) for errors whose
 * `isRetryable` is true; other errors fail the request at once. Each planned request fails or succeeds on its
 * own: one item's error never stops the others (a caller that wants to stop on, e.g., a 401 aborts `signal`
 * from `onOutcome`).
 */
export async function runRequests(options: RunRequestsOptions): Promise<RunRequestsResult> {
  const { model, maxRetries, timeoutMs, getCached, onOutcome, signal } = options;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new InputError(`must be an integer ≥ 0, got ${maxRetries}`, { location: 'maxRetries' });
  }
  if (!(timeoutMs > 0)) throw new InputError(`must be above 0, got ${timeoutMs}`, { location: 'timeoutMs' });
  const onEvent = options.onEvent ?? (() => undefined);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  // Aborted by the caller's signal, or by us when onOutcome throws.
  const stop = new AbortController();
  // Each worker listens on it once (a call, a backoff wait or a wait at the gate); Node warns past 10.
  setMaxListeners(
    Number.isInteger(options.concurrency) ? Math.max(10, options.concurrency + 16) : 10,
    stop.signal,
  );
  const forwardCancel = (): void => stop.abort(signal?.reason);
  if (signal?.aborted) stop.abort(signal.reason);
  signal?.addEventListener('abort', forwardCancel, { once: true });
  // Model calls in flight, cancelled together when the run stops: one listener for all of them.
  const calls = new Set<ModelCall>();
  const cancelCalls = (): void => {
    for (const call of calls) call.cancel();
  };
  stop.signal.addEventListener('abort', cancelCalls, { once: true });
  let completed = 0;
  let failed = 0;

  function deliver(outcome: RequestOutcome): void {
    onOutcome(outcome);
    if (outcome.response) completed += 1;
    else failed += 1;
    const { itemId, sample } = outcome.planned;
    const { response, error } = outcome;
    const event: Mutable<Extract<RunnerEvent, { type: 'request-end' }>> = {
      type: 'request-end',
      itemId,
      sample,
      status: response ? 'ok' : 'error',
      cached: outcome.cached,
      attempts: outcome.attempts,
    };
    if (response) event.usage = response.usage;
    if (error) event.errorMessage = error.message;
    if (error instanceof ProviderError && error.kind) event.errorKind = error.kind;
    onEvent(event);
  }

  async function execute(planned: PlannedRequest): Promise<void> {
    // The pool's task itself (no async wrapper around it): anything thrown out of here came from onOutcome,
    // getCached or onEvent, and stops everything; the pool rethrows it.
    try {
      const cachedResponse = getCached(planned.cacheKey);
      if (cachedResponse) {
        deliver({ planned, response: cachedResponse, cached: true, attempts: 0 });
        return;
      }
      const { itemId, sample } = planned;
      const tokens = options.gate ? estimateRequestTokens(planned) : undefined;
      for (let attempt = 1; ; attempt += 1) {
        if (stop.signal.aborted) return;
        let permit: RequestPermit | undefined;
        if (options.gate && tokens) {
          try {
            permit = await options.gate.acquire({ tokens, signal: stop.signal });
          } catch (error) {
            if (stop.signal.aborted) return;
            throw error;
          }
        }
        try {
          onEvent({ type: 'request-start', itemId, sample, attempt });
        } catch (error) {
          permit?.release({ type: 'error', error: asError(error) });
          throw error;
        }
        let result: GenerateResult;
        let call: ModelCall | undefined;
        try {
          // A call cancelled before it starts ends as one cancelled at once would.
          if (stop.signal.aborted) throw new CancelledError();
          call = startModelCall(
            planned.logLikelihood
              ? { model, request: planned.request, logLikelihood: planned.logLikelihood, timeoutMs }
              : { model, request: planned.request, timeoutMs },
          );
          calls.add(call);
          result = await call.result;
        } catch (thrown) {
          const error = asError(thrown);
          permit?.release({ type: 'error', error });
          // A call cut short by cancellation was not completed: no outcome.
          if (stop.signal.aborted) return;
          if (!isRetryable(error) || attempt > maxRetries) {
            deliver({ planned, error, cached: false, attempts: attempt });
            return;
          }
          const delayMs = backoffDelay({
            attempt,
            baseDelayMs: options.retryBaseDelayMs ?? defaultRetryBaseDelayMs,
            maxDelayMs: options.retryMaxDelayMs ?? defaultRetryMaxDelayMs,
            random,
            retryAfterMs: retryAfterMsOf(error),
          });
          onEvent({ type: 'retry', itemId, sample, attempt, delayMs, message: error.message });
          try {
            await sleep(delayMs, stop.signal);
          } catch (sleepError) {
            if (stop.signal.aborted) return;
            throw sleepError;
          }
          continue;
        } finally {
          if (call) calls.delete(call);
        }
        permit?.release(
          result.rateLimit
            ? { type: 'ok', usage: result.usage, rateLimit: result.rateLimit }
            : { type: 'ok', usage: result.usage },
        );
        const exhausted = budgetExhausted(model, planned, result);
        if (exhausted) {
          deliver({ planned, error: exhausted, cached: false, attempts: attempt });
          return;
        }
        deliver({ planned, response: toModelResponse(result), cached: false, attempts: attempt });
        return;
      }
    } catch (error) {
      stop.abort(error);
      throw error;
    }
  }

  try {
    await runConcurrently({
      source: options.plan,
      concurrency: options.concurrency,
      shouldStop: () => stop.signal.aborted,
      task: execute,
    });
  } finally {
    signal?.removeEventListener('abort', forwardCancel);
    stop.signal.removeEventListener('abort', cancelCalls);
  }
  return { completed, failed, cancelled: signal?.aborted === true };
}
