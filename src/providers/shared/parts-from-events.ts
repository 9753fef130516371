import type { FinishReason, StreamPart, Usage } from '../../spec/language-model.ts';
import { splitStopSequences, StopScanner } from './stop-sequences.ts';
import type { StreamContext } from './streaming-model.ts';

/** What a provider found in one event of its API's response stream. */
export interface EventReading {
  /** Text in the event, in order; empty pieces are skipped. */
  readonly texts?: readonly string[] | undefined;
  /** The API's own finish reason ('stop', 'end_turn', 'MAX_TOKENS' …) when the event carries one. */
  readonly finishReason?: string | null | undefined;
  /** Usage fields in the event: each field present here replaces the one seen before. */
  readonly usage?: Usage | undefined;
  /** The response id; the first one seen is kept. */
  readonly responseId?: string | undefined;
  /** The API's end-of-stream event: nothing after it is read. */
  readonly isLast?: boolean;
}

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
}

/**
 * The shared body of every provider's `streamParts`: records each event in the exchange, cuts the text at the
 * first stop string (dropping the rest of the stream once one is seen), keeps the first response id and the
 * latest usage, and ends with one `finish` part. A stream that ends without a finish reason yields no
 * `finish`: `streamingModel` makes that a retryable error. After an abort it just returns (the SDKs end their
 * iteration quietly); `streamingModel` checks the deadline.
 */
export async function* partsFromEvents<TEvent>(
  options: PartsFromEventsOptions<TEvent>,
): AsyncGenerator<StreamPart> {
  const { context } = options;
  const scanner = new StopScanner(splitStopSequences(options.stop, { serverLimit: 0 }).client);
  let finish: string | undefined;
  let usage: Usage = {};
  let responseId: string | undefined;
  for await (const event of options.events) {
    context.exchange.events.push(event);
    const reading = options.read(event);
    if (reading.responseId !== undefined) responseId ??= reading.responseId;
    if (reading.usage !== undefined) usage = { ...usage, ...reading.usage };
    for (const text of reading.texts ?? []) {
      if (text === '') continue;
      const { delta, stopped } = scanner.push(text);
      if (delta) yield { type: 'text-delta', text: delta, atMs: context.elapsedMs() };
      if (stopped) break;
    }
    if (scanner.hasStopped) {
      // A stop string the server was not sent: the rest of the stream is not needed.
      finish = options.stopSequenceReason;
      break;
    }
    if (reading.finishReason) finish = reading.finishReason;
    if (reading.isLast) break;
  }
  if (context.signal?.aborted) return;
  options.checkComplete?.();
  const rest = scanner.flush();
  if (rest) yield { type: 'text-delta', text: rest, atMs: context.elapsedMs() };
  if (finish === undefined) return;
  yield {
    type: 'finish',
    finishReason: options.finishReasons[finish] ?? 'other',
    usage,
    atMs: context.elapsedMs(),
    prefillApplied: options.prefillApplied,
    ...(responseId === undefined ? {} : { responseId }),
  };
}
