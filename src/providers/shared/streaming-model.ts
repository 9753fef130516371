import { ProviderError } from '../../spec/errors.ts';
import type {
  CallOptions,
  ChunkTiming,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelIdentity,
  RawExchange,
  StreamPart,
} from '../../spec/language-model.ts';
import { deadlineError, startCallDeadline, type CallDeadline, type DeadlineWatch } from './call-deadline.ts';
import { offersTools, toolsRefusal } from './tools-refusal.ts';

/** Stream events kept at each end of a long stream; the middle ones (text deltas) are counted, not kept. */
const keptEventsPerEnd = 4;

/**
 * Collects what a provider sent and received, for `GenerateResult.raw`: the request body as sent, and the
 * response's stream events — all of them for short streams, else the first and last few (ids, finish reason,
 * usage) with the number left out, so that a 1,000-token answer does not store 1,000 events.
 */
export class ExchangeRecorder {
  request: unknown = undefined;
  response: unknown = undefined;
  private readonly head: unknown[] = [];
  /** The last events after the head, in a ring: event `n` past the head is at `n % keptEventsPerEnd`. */
  private readonly tail: unknown[] = [];
  private pastHead = 0;

  /** Where a provider records each stream event (the recorder itself: no object or closure per call). */
  get events(): { push(event: unknown): void } {
    return this;
  }

  /** Records one stream event. */
  push(event: unknown): void {
    if (this.head.length < keptEventsPerEnd) {
      this.head.push(event);
      return;
    }
    this.tail[this.pastHead % keptEventsPerEnd] = event;
    this.pastHead += 1;
  }

  toRaw(): RawExchange {
    if (this.response !== undefined) return { request: this.request, response: this.response };
    const events: unknown[] = this.head.slice();
    const omitted = this.pastHead - keptEventsPerEnd;
    if (omitted > 0) events.push({ omitted_events: omitted });
    const kept = Math.min(this.pastHead, keptEventsPerEnd);
    for (let index = this.pastHead - kept; index < this.pastHead; index += 1) {
      events.push(this.tail[index % keptEventsPerEnd]);
    }
    return { request: this.request, response: { events } };
  }
}

/**
 * Where a `generate` call takes its parts as they are made, instead of through the stream: each part passed up
 * through the async generators between partsFromEvents and `generate` costs several promises (a few KB of
 * garbage and microseconds per item; docs/decisions/0335). A source of parts that is handed one calls `take`
 * where it would yield and stops (returns) when `take` returns false.
 */
export interface PartSink {
  /** Takes one part, as if yielded; false when no more are wanted (the source then stops reading). */
  take(part: StreamPart): boolean;
}

export interface StreamContext {
  /** Fires on the caller's abort or the timeout; pass it to the transport. Made when first read. */
  readonly signal: AbortSignal | undefined;
  /** The same deadline without an AbortSignal, for a transport that can watch it (openai-lean-stream.ts). */
  readonly deadline?: DeadlineWatch | undefined;
  /** Milliseconds since the request was sent. */
  readonly elapsedMs: () => number;
  readonly exchange: ExchangeRecorder;
  /**
   * Set for `generate`: partsFromEvents hands its parts here rather than yielding them. So the parts it makes
   * never pass through the `streamParts` that calls it: that must end with `yield* partsFromEvents(…)`.
   */
  readonly sink?: PartSink | undefined;
}

/** A call's StreamContext: its AbortSignal is made only when a transport reads it. */
class CallContext implements StreamContext {
  readonly deadline: DeadlineWatch | undefined;

  constructor(
    private readonly callDeadline: CallDeadline,
    readonly elapsedMs: () => number,
    readonly exchange: ExchangeRecorder,
    readonly sink: PartSink | undefined,
  ) {
    this.deadline = callDeadline.bounded ? callDeadline : undefined;
  }

  get signal(): AbortSignal | undefined {
    return this.callDeadline.signal;
  }
}

export interface StreamingModelParts {
  readonly identity: ModelIdentity;
  readonly now: () => number;
  /** What the messages name as the target: a base URL or a model path. */
  readonly target: string;
  /**
   * Yields text deltas and exactly one `finish` last; throws on failure (it never yields `error`). A stream
   * that ends without `finish` counts as cut off: a retryable error.
   */
  streamParts(request: GenerateRequest, context: StreamContext): AsyncGenerator<StreamPart>;
  /** Maps whatever the transport threw to a ProviderError (one line, no secret). */
  toProviderError(error: unknown, exchange: ExchangeRecorder): Error;
  /** Sends `GenerateRequest.tools` through the API's tools field; without it a request with tools is refused. */
  readonly toolCalling?: boolean;
}

/** A LanguageModel that always streams; `close` has nothing to release (sockets belong to the fetch pool). */
export interface StreamingLanguageModel extends LanguageModel {
  stream(request: GenerateRequest, options: CallOptions): AsyncGenerator<StreamPart>;
  close(): Promise<void>;
}

/**
 * `generate`'s result built from the parts as they come (text, chunk timings, ttft, usage, finish reason, raw
 * exchange), with `guarded`'s rule: once the deadline fired only a `finish` is taken (it comes from a stream
 * drained for its usage: the answer is whole). Takes nothing after `finish`.
 */
class ResultCollector implements PartSink {
  result: GenerateResult | undefined;
  private done = false;
  private readonly chunks: ChunkTiming[] = [];
  private text = '';
  private reasoningCharacters = 0;
  private reasoningTtftMs: number | undefined;

  constructor(
    private readonly deadline: CallDeadline,
    private readonly exchange: ExchangeRecorder,
  ) {}

  take(part: StreamPart): boolean {
    if (this.done) return false;
    if (this.deadline.firedBy !== undefined && part.type !== 'finish') {
      this.done = true;
      return false;
    }
    if (part.type === 'reasoning-delta') {
      this.reasoningTtftMs ??= part.atMs;
      this.reasoningCharacters += part.text.length;
    } else if (part.type === 'text-delta') {
      if (part.text.length === 0) return true;
      this.text += part.text;
      this.chunks.push({ atMs: part.atMs, characters: part.text.length });
    } else if (part.type === 'finish') {
      this.done = true;
      // Built field by field, in the order spreads gave before: spreads of varying shapes cost every call.
      const ttftMs = this.chunks[0]?.atMs;
      const timing: { ttftMs?: number; reasoningTtftMs?: number; totalMs: number } = {} as {
        totalMs: number;
      };
      if (ttftMs !== undefined) timing.ttftMs = ttftMs;
      if (this.reasoningTtftMs !== undefined) timing.reasoningTtftMs = this.reasoningTtftMs;
      timing.totalMs = part.atMs;
      const result: { -readonly [K in keyof GenerateResult]: GenerateResult[K] } = {
        text: this.text,
        finishReason: part.finishReason,
        usage: part.usage,
        timing,
        prefillApplied: part.prefillApplied,
        chunks: this.chunks,
        raw: this.exchange.toRaw(),
      };
      if (part.rateLimit !== undefined) result.rateLimit = part.rateLimit;
      if (this.reasoningCharacters !== 0) result.reasoningCharacters = this.reasoningCharacters;
      if (part.responseId !== undefined) result.responseId = part.responseId;
      this.result = result;
      return false;
    }
    return true;
  }
}

/**
 * The shared body of every streaming provider: deadline (caller abort + timeout over the whole call), error
 * mapping, a stream cut before its end turned into a retryable error, and `generate` as the collected stream
 * (text, chunk timings, ttft, usage, finish reason, raw exchange).
 */
export function streamingModel(parts: StreamingModelParts): StreamingLanguageModel {
  const provider = parts.identity.provider;

  /** A stream that ended without its finish: cut off part-way, worth another try. */
  const cutOff = (): ProviderError =>
    new ProviderError({
      provider,
      message: `the response stream from ${parts.target} ended before it was complete (cut off part-way)`,
      isRetryable: true,
    });

  /** What a failed call throws: the deadline's error when it fired, else the provider's mapping of `error`. */
  const failure = (
    error: unknown,
    deadline: CallDeadline,
    callOptions: CallOptions,
    exchange: ExchangeRecorder,
  ): unknown =>
    deadline.firedBy !== undefined
      ? deadlineError({ deadline, callOptions, provider, target: parts.target })
      : parts.toProviderError(error, exchange);

  async function* guarded(
    request: GenerateRequest,
    callOptions: CallOptions,
    exchange: ExchangeRecorder,
  ): AsyncGenerator<StreamPart> {
    const deadline = startCallDeadline(callOptions);
    const startMs = parts.now();
    const elapsedMs = () => parts.now() - startMs;
    try {
      if (deadline.firedBy !== undefined) throw deadline.signal?.reason;
      if (offersTools(request) && parts.toolCalling !== true) throw toolsRefusal(provider);
      let finished = false;
      const context = new CallContext(deadline, elapsedMs, exchange, undefined);
      for await (const part of parts.streamParts(request, context)) {
        // A finish after the deadline fired comes from a stream drained for its usage: the answer is whole.
        if (deadline.firedBy !== undefined && part.type !== 'finish') break;
        if (part.type === 'finish') finished = true;
        yield part;
        if (finished) return;
      }
      if (deadline.firedBy !== undefined) throw deadline.signal?.reason;
      throw cutOff();
    } catch (error) {
      throw failure(error, deadline, callOptions, exchange);
    } finally {
      deadline.dispose();
    }
  }

  return {
    identity: parts.identity,
    async *stream(request, callOptions) {
      const startMs = parts.now();
      try {
        yield* guarded(request, callOptions, new ExchangeRecorder());
      } catch (error) {
        yield {
          type: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
          atMs: parts.now() - startMs,
        };
      }
    },
    async generate(request, callOptions) {
      // guarded() inlined, its parts taken by a ResultCollector: partsFromEvents hands them over without a
      // promise each (the context's sink), and those yielded by streamParts itself arrive through the loop.
      const exchange = new ExchangeRecorder();
      const deadline = startCallDeadline(callOptions);
      const startMs = parts.now();
      const elapsedMs = () => parts.now() - startMs;
      const collector = new ResultCollector(deadline, exchange);
      try {
        if (deadline.firedBy !== undefined) throw deadline.signal?.reason;
        if (offersTools(request) && parts.toolCalling !== true) throw toolsRefusal(provider);
        const context = new CallContext(deadline, elapsedMs, exchange, collector);
        for await (const part of parts.streamParts(request, context)) {
          if (!collector.take(part)) break;
        }
        if (collector.result !== undefined) return collector.result;
        if (deadline.firedBy !== undefined) throw deadline.signal?.reason;
        throw cutOff();
      } catch (error) {
        throw failure(error, deadline, callOptions, exchange);
      } finally {
        deadline.dispose();
      }
    },
    async close() {
      // The SDKs keep no resources of their own; sockets belong to the fetch implementation's pool.
    },
  };
}
