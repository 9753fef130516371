import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { DeadlineWatch } from '../shared/call-deadline.ts';
import { sendHttp1Request, type Exchange, type ExchangeEvents } from '../shared/http1-keep-alive-pool.ts';
import type { ResponseHeaders } from '../shared/http1-response-headers.ts';
import { sendHttpsRequest } from '../shared/https-exchange.ts';
import { JsonPieces } from '../shared/json-pieces.ts';
import { endOfEvents, noReadyEvent, type ReadyEvents } from '../shared/ready-events.ts';
import type { HeaderReader } from '../shared/retry-after.ts';
import { ServerSentEventDecoder } from '../shared/server-sent-events.ts';
import { nestedErrorBody } from './error-body-fetch.ts';

// The hot path of `parity eval` against an OpenAI-compatible server: one streamed POST per item, its
// server-sent events parsed here. The official SDK costs about a millisecond of CPU per request (headers,
// request options, web streams, a fetch Response; issue #15), and node:http itself a third of one, which bounds
// a whole run at a few hundred items a second on two shared cores; so http: URLs go over parity's own
// keep-alive HTTP/1.1 client (http1-keep-alive-pool.ts; https: over node:https, https-exchange.ts) and events
// are parsed from the socket's bytes (docs/decisions/0310). What callers see is what the SDK gives them: the
// same error classes (APIError.generate for an HTTP error, APIError for an `error` event in the stream,
// APIConnectionError for a connection that fails, APIUserAbortError for an aborted signal), the same SSE rules
// (openai-node src/core/streaming.ts `Stream.fromSSEResponse`, `SSEDecoder`: `data:` lines joined by '\n',
// comments and other fields skipped, `[DONE]` ends the stream) and the same request (POST
// `<baseURL>/chat/completions`, bearer key, JSON body).

/** Sent when the caller has no key, as the SDK client does: keyless servers ignore it. */
const placeholderApiKey = 'parity-no-key';

export interface LeanStreamOptions {
  /** Base URL including the version path, e.g. http://127.0.0.1:8000/v1. */
  readonly baseUrl: string;
  readonly apiKey?: string | undefined;
  /** Path below the base URL, e.g. '/chat/completions'. */
  readonly path: string;
}

/** The SDK's `APIPromise.withResponse()` shape, which StreamOptionsFallback reads. */
export interface LeanStreamCall<TChunk> {
  withResponse(): Promise<{ data: AsyncIterable<TChunk>; response: { headers: HeaderReader } }>;
}

/** Where requests to one base URL and path go, and the head they share up to the content length. */
interface Target {
  readonly url: URL;
  readonly secure: boolean;
  readonly origin: { host: string; port: number };
  readonly authorization: string;
  /** The request head up to `content-length: ` (plain http only). */
  readonly headPrefix: string;
}

/** Per options object (a model makes one and passes it with every request). */
const targets = new WeakMap<LeanStreamOptions, Target>();

/** A header value node:http would refuse (lib/_http_common.js `checkInvalidHeaderChar`). */
const invalidHeaderCharacter = /[^\t\x20-\x7e\x80-\xff]/;

function targetOf(options: LeanStreamOptions): Target {
  const known = targets.get(options);
  if (known !== undefined) return known;
  const base = options.baseUrl;
  const url = new URL(
    base + (base.endsWith('/') && options.path.startsWith('/') ? options.path.slice(1) : options.path),
  );
  const authorization = `Bearer ${options.apiKey || placeholderApiKey}`;
  if (invalidHeaderCharacter.test(authorization)) {
    throw Object.assign(new TypeError('Invalid character in header content ["authorization"]'), {
      code: 'ERR_INVALID_CHAR',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw Object.assign(new TypeError(`Protocol "${url.protocol}" not supported. Expected "http:"`), {
      code: 'ERR_INVALID_PROTOCOL',
    });
  }
  const secure = url.protocol === 'https:';
  const headPrefix =
    `POST ${url.pathname}${url.search} HTTP/1.1\r\n` +
    'accept: application/json\r\n' +
    'content-type: application/json\r\n' +
    `authorization: ${authorization}\r\n` +
    // Some gateways refuse requests that name no client.
    'user-agent: parity\r\n' +
    `host: ${url.host}\r\n` +
    'connection: keep-alive\r\n' +
    'content-length: ';
  const target: Target = {
    url,
    secure,
    origin: {
      host: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: Number(url.port || (secure ? 443 : 80)),
    },
    authorization,
    headPrefix,
  };
  targets.set(options, target);
  return target;
}

function send(target: Target, body: string | JsonPieces, events: ExchangeEvents): Exchange {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (target.secure) {
    return sendHttpsRequest(
      target.url,
      {
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': length,
        authorization: target.authorization,
        'user-agent': 'parity',
      },
      typeof body === 'string' ? body : bodyBytes(body, length),
      events,
    );
  }
  // Head and body in one Buffer, one write: cheaper than encoding one string of both, or a write of each
  // piece (a writev; docs/decisions/0330). The head is latin1, as node:http writes header values.
  const head = `${target.headPrefix}${length}\r\n\r\n`;
  const request = requestBytes(head.length + length);
  const headLength = request.write(head, 0, 'latin1');
  if (typeof body === 'string') request.write(body, headLength);
  else body.writeInto(request, headLength);
  return sendHttp1Request(target.origin, request, events);
}

/**
 * Requests are cut from a shared slab, as node's Buffer pool does for small ones: a request (~5 kB for MMLU)
 * is too big for that pool, and a memory block of its own per request costs more. A part once handed out is
 * never handed out again (the socket may still hold it); the slab is freed when none of its parts is in use.
 */
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;
const slabSize = 128 * 1024;

function requestBytes(size: number): Buffer {
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(Math.max(slabSize, size));
    slabUsed = 0;
  }
  const bytes = slab.subarray(slabUsed, slabUsed + size);
  // Parts start 8-byte aligned, as node's pool aligns them.
  slabUsed += (size + 7) & ~7;
  return bytes;
}

function bodyBytes(body: JsonPieces, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  body.writeInto(bytes, 0);
  return bytes;
}

/** Events waiting in a stream before the socket is paused (a consumer that is behind). */
const highWaterEvents = 256;
const doneResult: IteratorResult<never> = { done: true, value: undefined };

type Resolve<TChunk> = (value: { data: AsyncIterable<TChunk>; response: { headers: HeaderReader } }) => void;

/**
 * One streamed call: resolves once the response head arrived, then is itself the stream of parsed chunks
 * (the SDK's Stream yields the same). Events are parsed as bytes arrive and queued, so the consumer awaits
 * once per read of the socket, not once per event. A stream left before its end (`return`, an error in it,
 * an abort) destroys the connection; one read to its end gives it back to the pool.
 */
class LeanCall<TChunk> implements ExchangeEvents, AsyncIterableIterator<TChunk>, ReadyEvents<TChunk> {
  exchange: Exchange | undefined;
  private headers: ResponseHeaders | undefined;
  private status = 0;
  /** 'head' until the head arrived, then 'stream' (2xx) or 'error-body', then 'over'. */
  private phase: 'head' | 'stream' | 'error-body' | 'over' = 'head';
  private decoder: ServerSentEventDecoder | undefined;
  private errorBody: Buffer[] | undefined;
  private readonly queue: TChunk[] = [];
  private queueStart = 0;
  private failure: unknown;
  private ended = false;
  private sawDone = false;
  private paused = false;
  private waiter:
    { resolve: (result: IteratorResult<TChunk>) => void; reject: (error: unknown) => void } | undefined;
  private readonly onAbort = (): void => this.aborted();

  constructor(
    private readonly resolve: Resolve<TChunk>,
    private readonly reject: (error: unknown) => void,
    private readonly stop: DeadlineWatch | undefined,
  ) {
    stop?.watch(this.onAbort);
  }

  head(status: number, headers: ResponseHeaders): void {
    this.headers = headers;
    this.status = status;
    if (status >= 200 && status < 300) {
      this.phase = 'stream';
      this.decoder = new ServerSentEventDecoder((event, data) => this.event(event, data));
      this.resolve({ data: this, response: { headers } });
    } else {
      this.phase = 'error-body';
      this.errorBody = [];
    }
  }

  body(bytes: Buffer): void {
    if (this.phase === 'error-body') {
      // A copy: `bytes` may be a view of a read buffer that is used again.
      this.errorBody?.push(Buffer.from(bytes));
      return;
    }
    if (this.phase !== 'stream') return;
    try {
      (this.decoder as ServerSentEventDecoder).push(bytes);
    } catch (error) {
      this.streamFailed(error);
    }
  }

  complete(): void {
    this.stop?.unwatch(this.onAbort);
    if (this.phase === 'error-body') {
      this.phase = 'over';
      this.reject(this.statusError());
      return;
    }
    if (this.phase !== 'stream') return;
    try {
      (this.decoder as ServerSentEventDecoder).end();
    } catch (error) {
      this.streamFailed(error);
      return;
    }
    this.phase = 'over';
    this.finish();
  }

  fail(error: Error, afterHead: boolean): void {
    this.stop?.unwatch(this.onAbort);
    if (this.phase === 'stream') {
      this.streamFailed(error);
      return;
    }
    const phase = this.phase;
    this.phase = 'over';
    if (this.stopped) this.reject(new APIUserAbortError());
    else if (phase === 'error-body' || afterHead) this.reject(new APIConnectionError({ cause: error }));
    else this.reject(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: error }) }));
  }

  takeReady(): TChunk | typeof noReadyEvent | typeof endOfEvents {
    if (this.queueStart < this.queue.length) return this.shift();
    return this.ended && this.failure === undefined ? endOfEvents : noReadyEvent;
  }

  next(): Promise<IteratorResult<TChunk>> {
    if (this.queueStart < this.queue.length) return Promise.resolve({ done: false, value: this.shift() });
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve(doneResult);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<TChunk>> {
    if (!this.ended) {
      // Left before its end (the caller stopped reading): the connection cannot be reused.
      this.stop?.unwatch(this.onAbort);
      this.phase = 'over';
      this.exchange?.abort();
      this.finish();
    }
    this.queue.length = 0;
    this.queueStart = 0;
    this.failure = undefined;
    return Promise.resolve(doneResult);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private shift(): TChunk {
    const value = this.queue[this.queueStart] as TChunk;
    this.queueStart += 1;
    if (this.queueStart === this.queue.length) {
      this.queue.length = 0;
      this.queueStart = 0;
      if (this.paused) {
        this.paused = false;
        this.exchange?.resume();
      }
    }
    return value;
  }

  private event(event: string | null, text: string): void {
    if (this.sawDone) return;
    if (text.startsWith('[DONE]')) {
      this.sawDone = true;
      return;
    }
    const data: unknown = JSON.parse(text);
    let chunk: TChunk;
    if (event === null || !event.startsWith('thread.')) {
      const error = (data as { error?: unknown } | null)?.error;
      if (error)
        throw new APIError(undefined, error as object, undefined, this.headers as unknown as Headers);
      chunk = data as TChunk;
    } else {
      if (event === 'error') {
        const record = data as { error?: object; message?: string };
        throw new APIError(undefined, record.error, record.message, undefined);
      }
      chunk = { event, data } as TChunk;
    }
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: chunk });
      return;
    }
    this.queue.push(chunk);
    if (!this.paused && this.queue.length - this.queueStart >= highWaterEvents) {
      this.paused = true;
      this.exchange?.pause();
    }
  }

  /** The stream ends with an error after the events already queued; the connection is dropped. */
  private streamFailed(error: unknown): void {
    if (this.ended) return;
    this.stop?.unwatch(this.onAbort);
    this.phase = 'over';
    this.exchange?.abort();
    // An abort ends the stream quietly, as the SDK's does; the caller sees its signal fired.
    if (!this.stopped) this.failure = error;
    this.finish();
  }

  private finish(): void {
    this.ended = true;
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.waiter = undefined;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      waiter.reject(failure);
    } else {
      waiter.resolve(doneResult);
    }
  }

  private get stopped(): boolean {
    return this.stop !== undefined && this.stop.firedBy !== undefined;
  }

  private aborted(): void {
    const phase = this.phase;
    this.phase = 'over';
    this.exchange?.abort();
    if (phase === 'head' || phase === 'error-body') {
      this.reject(new APIUserAbortError());
      return;
    }
    if (phase === 'stream') {
      // Quiet end: what was queued is dropped, as a destroyed response stops the SDK's iteration.
      this.queue.length = 0;
      this.queueStart = 0;
      this.finish();
    }
  }

  private statusError(): APIError {
    const text = nestedErrorBody(Buffer.concat(this.errorBody ?? []).toString('utf8'));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return APIError.generate(
      this.status,
      (json ?? undefined) as object | undefined,
      json ? undefined : text,
      (this.headers as ResponseHeaders).toHeaders(),
    );
  }
}

/**
 * Sends `body` as JSON (JsonPieces: already as JSON) and resolves once the response headers arrived: a stream of parsed chunks for a 2xx,
 * the SDK's error for anything else (the error body in the shapes withNestedErrorBodies understands).
 */
export function leanStreamRequest<TChunk>(
  options: LeanStreamOptions,
  body: unknown,
  /** What stops the call: the deadline parity watches (no AbortSignal needed), or the SDK's `{ signal }`. */
  stop: DeadlineWatch | { signal?: AbortSignal } | undefined,
): LeanStreamCall<TChunk> {
  return {
    withResponse: () =>
      new Promise((resolve, reject) => {
        const watch = stop === undefined || 'watch' in stop ? stop : signalWatch(stop.signal);
        if (watch !== undefined && watch.firedBy !== undefined) {
          reject(new APIUserAbortError());
          return;
        }
        const target = targetOf(options);
        const call = new LeanCall<TChunk>(resolve, reject, watch);
        call.exchange = send(target, body instanceof JsonPieces ? body : JSON.stringify(body), call);
      }),
  };
}

/** An AbortSignal seen as a DeadlineWatch. */
function signalWatch(signal: AbortSignal | undefined): DeadlineWatch | undefined {
  if (signal === undefined) return undefined;
  return {
    get firedBy() {
      return signal.aborted ? 'caller' : undefined;
    },
    watch: (listener) => signal.addEventListener('abort', listener, { once: true }),
    unwatch: (listener) => signal.removeEventListener('abort', listener),
  };
}
