import type { RateLimitState } from '../../spec/errors.ts';
import type { FinishReason, StreamPart, Usage } from '../../spec/language-model.ts';
import { clientStopSequences, StopScanner } from './stop-sequences.ts';
import type { StreamContext } from './streaming-model.ts';
import { asReadyEvents, endOfEvents, noReadyEvent } from './ready-events.ts';
import { callAborted } from './call-deadline.ts';

/** What a provider found in one event of its API's response stream. */
export interface EventReading {
  /** Text in the event, in order; empty pieces are skipped. */
  readonly texts?: readonly string[] | undefined;
  /** Reasoning text in the event (streamed apart from the answer), in order; empty pieces are skipped. */
  readonly reasoningTexts?: readonly string[] | undefined;
  /** The API's own finish reason ('stop', 'end_turn', 'MAX_TOKENS' …) when the event carries one. */
  readonly finishReason?: string | null | undefined;
  /** Usage fields in the event: each field present here replaces the one seen before. */
  readonly usage?: Usage | undefined;
  /** The response id; the first one seen is kept. */
  readonly responseId?: string | undefined;
  /** The API's end-of-stream event: nothing after it is read. */
  readonly isLast?: boolean;
}

/** Longest wait for the rest of a stream after a stop string found on our side (for its usage). */
export const defaultDrainLimitMs = 5000;

export interface PartsFromEventsOptions<TEvent> {
  readonly events: AsyncIterable<TEvent>;
  readonly context: StreamContext;
  /** Every stop string of the request, applied here too (a no-op for those the server already honoured). */
  readonly stop: readonly string[] | undefined;
  /** Reads one event; throws a ProviderError when it is malformed. */
  readonly read: (event: TEvent) => EventReading;
  /** Runs once the events are over (unless the call was aborted), e.g. to reject a stream without content. */
  readonly checkComplete?: () => void;
  /** The API's finish reasons mapped to ours; unknown ones become 'other'. */
  readonly finishReasons: Readonly<Record<string, FinishReason>>;
  /** The API's finish reason for a stop string found on our side. */
  readonly stopSequenceReason: string;
  readonly prefillApplied: boolean;
  /** The response's `x-ratelimit-*` headers, passed on in `finish`. */
  readonly rateLimit?: RateLimitState | undefined;
  /**
   * After a stop string found on our side, the rest of the stream is still read (its text discarded) so that
   * the usage sent at the end arrives and the connection can be reused, for at most this long; then the
   * stream is dropped and usage not yet seen stays unknown. Default `defaultDrainLimitMs`; 0 drops at once.
   */
  readonly drainLimitMs?: number;
}

type Next<TEvent> = IteratorResult<TEvent> | 'timed-out';
type FinishPart = Extract<StreamPart, { type: 'finish' }>;

/**
 * The end of a drain: one timer for the whole rest of the stream (not one per event read: a stop string found
 * early leaves most of the stream to drain, and each timer costs every item CPU; docs/decisions/0275).
 */
class DrainDeadline {
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly reached: Promise<'timed-out'>;

  constructor(limitMs: number) {
    this.reached = new Promise<'timed-out'>((resolve) => {
      this.timer = setTimeout(() => resolve('timed-out'), Math.max(0, limitMs));
    });
  }

  /** The next event, or 'timed-out' when the deadline comes first. */
  next<TEvent>(iterator: AsyncIterator<TEvent>): Promise<Next<TEvent>> {
    return Promise.race([iterator.next(), this.reached]);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * The shared body of every provider's `streamParts`: records each event in the exchange, cuts the text at the
 * first stop string, keeps the first response id and the latest usage, passes reasoning text on as
 * `reasoning-delta` parts, and ends with one `finish` part. Once a stop string is found on our side the rest of
 * the stream is read without its text (up to `drainLimitMs`) for the usage at its end; `finish` carries the
 * time the stop string was seen. A stream that ends without a finish reason yields no `finish`:
 * `streamingModel` makes that a retryable error. After an abort it just returns (the SDKs end their
 * iteration quietly); `streamingModel` checks the deadline.
 */
export async function* partsFromEvents<TEvent>(
  options: PartsFromEventsOptions<TEvent>,
): AsyncGenerator<StreamPart> {
  const { context } = options;
  // generate()'s collector, when it gave one: parts go there, not through the generators (streaming-model.ts).
  const sink = context.sink;
  const scanner = new StopScanner(clientStopSequences(options.stop));
  let finish: string | undefined;
  let finishAtMs: number | undefined;
  let usage: Usage = {};
  let responseId: string | undefined;
  const iterator = options.events[Symbol.asyncIterator]();
  const ready = asReadyEvents(iterator);
  const drainLimitMs = options.drainLimitMs ?? defaultDrainLimitMs;
  let draining = false;
  let drain: DrainDeadline | undefined;
  try {
    for (;;) {
      let event: TEvent;
      // Events that already arrived are taken without a promise each; the next one is awaited.
      const taken = ready === undefined ? noReadyEvent : ready.takeReady();
      if (taken === endOfEvents) break;
      if (taken !== noReadyEvent) {
        event = taken;
      } else {
        let next: Next<TEvent>;
        if (!draining) {
          next = await iterator.next();
        } else {
          // The drain's one timer starts at its first wait (events already there take no time).
          drain ??= new DrainDeadline(drainLimitMs);
          try {
            next = await drain.next(iterator);
          } catch {
            // The answer is complete; a fault after it only costs the usage.
            break;
          }
          if (next === 'timed-out') {
            void Promise.resolve(iterator.return?.()).catch(() => undefined);
            break;
          }
        }
        if (next.done) break;
        event = next.value;
      }
      context.exchange.events.push(event);
      const reading = options.read(event);
      if (reading.responseId !== undefined) responseId ??= reading.responseId;
      if (reading.usage !== undefined) usage = { ...usage, ...reading.usage };
      if (draining) {
        if (reading.isLast) break;
        continue;
      }
      const reasoningTexts = reading.reasoningTexts;
      if (reasoningTexts !== undefined) {
        for (const text of reasoningTexts) {
          if (text === '') continue;
          const part: StreamPart = { type: 'reasoning-delta', text, atMs: context.elapsedMs() };
          if (sink === undefined) yield part;
          else if (!sink.take(part)) return;
        }
      }
      const texts = reading.texts;
      if (texts !== undefined) {
        for (const text of texts) {
          if (text === '') continue;
          const delta = scanner.scan(text);
          if (delta) {
            const part: StreamPart = { type: 'text-delta', text: delta, atMs: context.elapsedMs() };
            if (sink === undefined) yield part;
            else if (!sink.take(part)) return;
          }
          if (scanner.hasStopped) break;
        }
      }
      if (scanner.hasStopped) {
        // A stop string the server was not sent (or ignored): the answer ends here.
        finish = options.stopSequenceReason;
        finishAtMs = context.elapsedMs();
        if (reading.isLast || drainLimitMs <= 0) break;
        draining = true;
        continue;
      }
      if (reading.finishReason) finish = reading.finishReason;
      if (reading.isLast) break;
    }
  } finally {
    drain?.dispose();
  }
  if (!scanner.hasStopped) {
    if (callAborted(context)) return;
    options.checkComplete?.();
  }
  const rest = scanner.flush();
  if (rest) {
    const part: StreamPart = { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
    if (sink === undefined) yield part;
    else if (!sink.take(part)) return;
  }
  if (finish === undefined) return;
  // Field by field, in the order the spreads gave before (a spread of a varying shape costs every call).
  const finishPart: { -readonly [K in keyof FinishPart]: FinishPart[K] } = {
    type: 'finish',
    finishReason: options.finishReasons[finish] ?? 'other',
    usage,
    atMs: finishAtMs ?? context.elapsedMs(),
    prefillApplied: options.prefillApplied,
  };
  if (responseId !== undefined) finishPart.responseId = responseId;
  if (options.rateLimit !== undefined) finishPart.rateLimit = options.rateLimit;
  if (sink === undefined) yield finishPart;
  else sink.take(finishPart);
}
