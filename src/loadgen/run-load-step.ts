import type { BenchLoad } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { nextArrivalGapMs } from './arrival-schedule.ts';
import type { LoadClock } from './load-clock.ts';
import type { LoadRandom } from './load-random.ts';
import type { LoadRequest, RequestOutcome, StreamingClient } from './streaming-client.ts';

/** Sends due at once between two turns of the event loop. */
const yieldEverySends = 32;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

export interface LoadStepOptions {
  readonly client: Pick<StreamingClient, 'send'>;
  readonly load: BenchLoad;
  /** The i-th request of the step (0-based). */
  readonly nextRequest: (index: number) => LoadRequest;
  /** Stop sending after this many requests. At least one of `maxRequests` and `durationMs` is given. */
  readonly maxRequests?: number;
  /** Stop sending once this long has passed since the step started; requests in flight still finish. */
  readonly durationMs?: number;
  readonly clock: LoadClock;
  /** Draws the open-loop arrival gaps. */
  readonly random: LoadRandom;
  readonly signal?: AbortSignal;
  /** Called as each request finishes (progress within the step). */
  readonly onOutcome?: (outcome: RequestOutcome) => void;
}

export interface LoadStepResult {
  /** The clock when the step began sending. */
  readonly startMs: number;
  /** The clock when the last request finished. */
  readonly endMs: number;
  /** In send order. */
  readonly outcomes: readonly RequestOutcome[];
  /** Whether `signal` stopped the step early. */
  readonly cancelled: boolean;
}

/**
 * Runs one step of a sweep. Closed loop (`concurrency`): that many workers each send their next request as
 * soon as the previous one ends. Open loop (`request-rate`): requests are sent at drawn arrival times measured
 * from the step's start (not from the previous send, so a slow send never shifts later arrivals), whatever
 * is still in flight.
 */
export async function runLoadStep(options: LoadStepOptions): Promise<LoadStepResult> {
  const { clock, signal } = options;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const startMs = clock.now();
  const deadlineMs =
    options.durationMs === undefined ? Number.POSITIVE_INFINITY : startMs + options.durationMs;
  const outcomes: RequestOutcome[] = [];
  let issued = 0;
  const sendNext = async (): Promise<void> => {
    const index = issued++;
    const outcome = await options.client.send(options.nextRequest(index), signal ? { signal } : {});
    outcomes[index] = outcome;
    options.onOutcome?.(outcome);
  };

  if (options.load.type === 'concurrency') {
    const worker = async (): Promise<void> => {
      while (issued < maxRequests && clock.now() < deadlineMs && !signal?.aborted) await sendNext();
    };
    await Promise.all(Array.from({ length: options.load.concurrency }, worker));
  } else {
    const load = options.load;
    if (!Number.isFinite(load.requestRate) && !Number.isFinite(maxRequests)) {
      // Every request at once, with no count: there is no end to "all" (the loop would never stop).
      throw new InputError('an infinite request rate needs a request count (how many to send at once)', {
        location: 'maxRequests',
      });
    }
    const inFlight: Promise<void>[] = [];
    let arrivalMs = startMs;
    while (issued < maxRequests && !signal?.aborted) {
      if (issued > 0) {
        arrivalMs += nextArrivalGapMs({ ...load, random: options.random });
        if (arrivalMs >= deadlineMs || clock.now() >= deadlineMs) break;
        const waitMs = arrivalMs - clock.now();
        if (waitMs > 0) await clock.sleep(waitMs, signal);
        // Sends that are due at once: let timers, I/O and signals in between, every few sends, so a long burst
        // never holds the event loop (responses are read, Ctrl-C is heard).
        else if (issued % yieldEverySends === 0) await yieldToEventLoop();
        if (signal?.aborted) break;
      }
      inFlight.push(sendNext());
    }
    await Promise.all(inFlight);
  }
  const finished = outcomes.filter((outcome) => outcome !== undefined);
  const endMs = finished.reduce((latest, outcome) => Math.max(latest, outcome.endMs), startMs);
  return { startMs, endMs, outcomes: finished, cancelled: Boolean(signal?.aborted) };
}
