import { setTimeout as delay } from 'node:timers/promises';
import { CancelledError, InputError } from '../spec/index.ts';
import type { RateLimitState, Usage } from '../spec/index.ts';
import { createAdaptiveLimit, type AdaptiveLimit, type LimitChangeReason } from './adaptive-limit.ts';
import { usedTokens, type TokenCount } from './estimate-request-tokens.ts';
import { isOverloadError } from './is-overload-error.ts';
import { createLearnedRate, type LearnedRate } from './learned-rate.ts';
import { createRateLimiter, type RateLimiter, type RateReservation } from './rate-limiter.ts';

function rateLimitOf(error: Error): RateLimitState | undefined {
  return 'rateLimit' in error ? (error.rateLimit as RateLimitState | undefined) : undefined;
}

function retryAfterOf(error: Error): number | undefined {
  return 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
}

/** How a call let through the gate ended. Cancelled calls end as errors that are not overload. */
export type RequestResult =
  | { readonly type: 'ok'; readonly usage: Usage; readonly rateLimit?: RateLimitState }
  | { readonly type: 'error'; readonly error: Error };

export interface RequestPermit {
  /** Frees the slot and feeds the outcome to the limits. Only the first call counts. */
  release(result: RequestResult): void;
}

/**
 * What a gate is doing, safe to print or log: numbers and flags only — never the endpoint's key or anything
 * derived from it.
 */
export interface RequestGateSnapshot {
  readonly adaptive: boolean;
  readonly ceiling: number;
  /** Calls allowed in flight now (the ceiling when not adaptive). */
  readonly limit: number;
  /** Lowest limit reached so far. */
  readonly lowestLimit: number;
  readonly inFlight: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
  /** Overload answers (429, 503, 529, overloaded_error, RESOURCE_EXHAUSTED) seen so far. */
  readonly overloadAnswers: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  /** The request rate learned from the server (requests per second); absent while nothing limits it. */
  readonly learnedRequestsPerSecond?: number;
  /** Starts and tokens counted in the last minute; 0 without per-minute limits. */
  readonly requestsInWindow: number;
  readonly tokensInWindow: number;
}

export interface LimitChange {
  readonly reason: LimitChangeReason;
  readonly previousLimit: number;
  readonly limit: number;
}

export interface RequestGate {
  /**
   * Waits for a slot (fewer calls in flight than the limit), then for the per-minute budget, and counts the
   * call as started. Rejects with CancelledError when `signal` aborts first. Release the permit exactly once.
   */
  acquire(options: { readonly tokens: TokenCount; readonly signal?: AbortSignal }): Promise<RequestPermit>;
  snapshot(): RequestGateSnapshot;
}

export interface RequestGateOptions {
  /** Most calls in flight (`--concurrency`); an integer ≥ 1. */
  readonly ceiling: number;
  /** Halve the limit on overload, grow it by one per window of successes (never above the ceiling). */
  readonly adaptive: boolean;
  /**
   * Also learn the request rate the server allows (see LearnedRate) and pace starts by it. Default: on when
   * `adaptive` is.
   */
  readonly learnRate?: boolean;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
  /** Waits `ms`, rejecting when `signal` aborts. Default: a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onLimitChange?: (change: LimitChange) => void;
}

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : undefined);
}

interface Waiter {
  readonly resolve: () => void;
}

/**
 * Admission control in front of one endpoint and key: an adaptive (AIMD) concurrency limit and optional
 * requests- and tokens-per-minute budgets, shared by every caller holding the gate. Slots are handed out in
 * arrival order; the per-minute budget is taken after the slot, right before the call is sent, so a start is
 * counted when it happens.
 */
export function createRequestGate(options: RequestGateOptions): RequestGate {
  const { ceiling, now } = options;
  if (!Number.isInteger(ceiling) || ceiling < 1) {
    throw new InputError(`must be an integer ≥ 1, got ${ceiling}`, { location: 'concurrency' });
  }
  const sleep = options.sleep ?? defaultSleep;
  const adaptive: AdaptiveLimit | undefined = options.adaptive ? createAdaptiveLimit({ ceiling }) : undefined;
  // With adaptive control the request rate is learned too (429s, Retry-After, x-ratelimit-* headers).
  const learnedRate: LearnedRate | undefined =
    (options.learnRate ?? options.adaptive) ? createLearnedRate() : undefined;
  const limited = options.requestsPerMinute !== undefined || options.tokensPerMinute !== undefined;
  const rateLimiter: RateLimiter | undefined = limited
    ? createRateLimiter({
        ...(options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute }),
        ...(options.tokensPerMinute === undefined ? {} : { tokensPerMinute: options.tokensPerMinute }),
      })
    : undefined;
  const waiters: Waiter[] = [];
  let inFlight = 0;
  let overloadAnswers = 0;
  let lowestLimit = ceiling;
  // Budget waits run one after another, so calls start in the order they got their slot.
  let budgetTurn: Promise<unknown> = Promise.resolve();
  let budgetTurnsQueued = 0;

  const currentLimit = (): number => adaptive?.limit ?? ceiling;

  function wake(): void {
    while (waiters.length > 0 && inFlight < currentLimit()) {
      inFlight += 1;
      waiters.shift()?.resolve();
    }
  }

  function changed(reason: LimitChangeReason | undefined, previousLimit: number): void {
    if (reason === undefined) return;
    lowestLimit = Math.min(lowestLimit, currentLimit());
    options.onLimitChange?.({ reason, previousLimit, limit: currentLimit() });
    wake();
  }

  function takeSlot(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (waiters.length === 0 && inFlight < currentLimit()) {
      inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = waiters.indexOf(waiter);
        if (index !== -1) waiters.splice(index, 1);
        reject(new CancelledError());
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(waiter);
    });
  }

  async function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      throw error;
    }
  }

  function takeBudget(tokens: number, signal: AbortSignal | undefined): Promise<RateReservation | undefined> {
    if (!rateLimiter && !learnedRate) return Promise.resolve(undefined);
    budgetTurnsQueued += 1;
    const turn = budgetTurn.then(async () => {
      // The learned rate first (what the server allows), then the user's --rpm/--tpm budget.
      for (
        let waitMs = learnedRate?.reserve(now()) ?? 0;
        waitMs > 0;
        waitMs = learnedRate?.reserve(now()) ?? 0
      ) {
        if (signal?.aborted) throw new CancelledError();
        await waitFor(waitMs, signal);
      }
      if (!rateLimiter) return undefined;
      for (;;) {
        if (signal?.aborted) throw new CancelledError();
        const result = rateLimiter.tryReserve({ tokens, nowMs: now() });
        if (result.type === 'reserved') return result.reservation;
        try {
          await sleep(result.waitMs, signal);
        } catch (error) {
          if (signal?.aborted) throw new CancelledError();
          throw error;
        }
      }
    });
    budgetTurn = turn.then(
      () => {
        budgetTurnsQueued -= 1;
      },
      () => {
        budgetTurnsQueued -= 1;
      },
    );
    return turn;
  }

  function releaseSlot(): void {
    inFlight -= 1;
    wake();
  }

  async function acquireInTurn(tokens: TokenCount, signal: AbortSignal | undefined): Promise<RequestPermit> {
    await takeSlot(signal);
    let reservation: RateReservation | undefined;
    try {
      reservation = await takeBudget(tokens.inputTokens + tokens.outputTokens, signal);
    } catch (error) {
      releaseSlot();
      throw error;
    }
    return permitFor(tokens, reservation);
  }

  function permitFor(tokens: TokenCount, reservation: RateReservation | undefined): RequestPermit {
    const startedInEpoch = adaptive?.epoch ?? 0;
    let released = false;
    return {
      release(result) {
        if (released) return;
        released = true;
        const previousLimit = currentLimit();
        // Successes count towards a higher limit only while the limit is what holds calls back (as TCP
        // grows its window only when it is used): callers sleeping in backoff would otherwise let it grow
        // unchecked, and a burst would follow.
        const limitInUse = inFlight + waiters.length >= previousLimit;
        releaseSlot();
        const refused = result.type === 'error' && isOverloadError(result.error);
        learnedRate?.observe({
          nowMs: now(),
          refused,
          rateLimit: result.type === 'ok' ? result.rateLimit : rateLimitOf(result.error),
          retryAfterMs: result.type === 'error' ? retryAfterOf(result.error) : undefined,
        });
        if (result.type === 'ok') {
          if (reservation)
            rateLimiter?.correct(reservation, usedTokens({ estimate: tokens, usage: result.usage }));
          if (limitInUse) changed(adaptive?.recordSuccess(), previousLimit);
        } else if (isOverloadError(result.error)) {
          overloadAnswers += 1;
          changed(adaptive?.recordCongestion({ startedInEpoch }), previousLimit);
        }
      },
    };
  }

  return {
    acquire({ tokens, signal }) {
      // Nobody waiting for a slot or the budget, a slot free, no per-minute budget and the learned rate lets it
      // start now (`reserve` takes the start only when it says 0): the permit is given at once, as the turns
      // below would give it, without queueing behind nobody.
      if (
        !signal?.aborted &&
        waiters.length === 0 &&
        inFlight < currentLimit() &&
        !rateLimiter &&
        budgetTurnsQueued === 0 &&
        (learnedRate?.reserve(now()) ?? 0) === 0
      ) {
        inFlight += 1;
        return Promise.resolve(permitFor(tokens, undefined));
      }
      return acquireInTurn(tokens, signal);
    },
    snapshot() {
      const window = rateLimiter?.usage(now()) ?? { requests: 0, tokens: 0 };
      return {
        adaptive: adaptive !== undefined,
        ceiling,
        limit: currentLimit(),
        lowestLimit,
        inFlight,
        waiting: waiters.length,
        overloadAnswers,
        ...(options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute }),
        ...(options.tokensPerMinute === undefined ? {} : { tokensPerMinute: options.tokensPerMinute }),
        ...(learnedRate?.requestsPerSecond === undefined
          ? {}
          : { learnedRequestsPerSecond: learnedRate.requestsPerSecond }),
        requestsInWindow: window.requests,
        tokensInWindow: window.tokens,
      };
    },
  };
}
