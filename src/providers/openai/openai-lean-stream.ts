import http from 'node:http';
import https from 'node:https';
import { finished } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { HeaderReader } from '../shared/retry-after.ts';
import { nestedErrorBody } from './error-body-fetch.ts';

// The hot path of `parity eval` against an OpenAI-compatible server: one streamed POST per item over keep-alive
// node:http, its server-sent events parsed here. The official SDK costs about a millisecond of CPU per request
// (headers, request options, web streams, a fetch Response; issue #15), which bounds a whole run at a few
// hundred items a second on two shared cores. What callers see is what the SDK gives them: the same error
// classes (APIError.generate for an HTTP error, APIError for an `error` event in the stream,
// APIConnectionError for a connection that fails, APIUserAbortError for an aborted signal), the same SSE rules
// (openai-node src/core/streaming.ts `Stream.fromSSEResponse`, `SSEDecoder`: `data:` lines joined by '\n',
// comments and other fields skipped, `[DONE]` ends the stream) and the same request (POST
// `<baseURL>/chat/completions`, bearer key, JSON body).

const agentOptions = { keepAlive: true, maxSockets: Infinity };
let agents: { http: http.Agent; https: https.Agent } | undefined;
const sharedAgents = () =>
  (agents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) });

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

function headerReader(headers: http.IncomingHttpHeaders): HeaderReader {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}

/** One server-sent event: its `event` field (null when none) and its `data` lines joined by '\n'. */
interface ServerSentEvent {
  readonly event: string | null;
  readonly data: string;
}

/** Splits response text into events; call `end` once the body is over for an event without its blank line. */
class EventDecoder {
  private rest = '';
  private event: string | null = null;
  private data: string[] = [];

  push(text: string, out: ServerSentEvent[]): void {
    let buffer = this.rest + text;
    let start = 0;
    if (!buffer.includes('\r')) {
      // The usual case, '\n' line ends only: found natively instead of character by character.
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
        this.line(buffer.slice(start, end), out);
        start = end + 1;
      }
      this.rest = buffer.slice(start);
      return;
    }
    // A '\r' at the very end may be the first half of '\r\n'.
    const keep = buffer.endsWith('\r') ? 1 : 0;
    const limit = buffer.length - keep;
    for (;;) {
      let end = start;
      while (end < limit && buffer.charCodeAt(end) !== 10 && buffer.charCodeAt(end) !== 13) end += 1;
      if (end >= limit) break;
      this.line(buffer.slice(start, end), out);
      start = end + (buffer.charCodeAt(end) === 13 && buffer.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    buffer = buffer.slice(start);
    this.rest = buffer;
  }

  end(out: ServerSentEvent[]): void {
    if (this.rest !== '') this.line(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest, out);
    this.rest = '';
    this.line('', out);
  }

  private line(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      if (this.event === null && this.data.length === 0) return;
      out.push({ event: this.event, data: this.data.join('\n') });
      this.event = null;
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

/**
 * The JSON chunks of an SSE response, as the SDK's Stream yields them, read straight from the response's
 * 'data' events (no Readable async iterator, no generator: each costs every item CPU; docs/decisions/0276).
 * Same results as iterating the response: the events of the bytes read so far in order, the body's error (or
 * premature close, from `finished`) once they are used up, nothing more after the response was destroyed;
 * after `[DONE]` the rest of the body is still read (the connection goes back to the pool), and leaving before
 * the end (`return`, or an error) destroys the response. An abort ends it quietly, as the SDK's does.
 */
class SseChunks<TChunk> implements AsyncIterableIterator<TChunk> {
  private readonly decoder = new EventDecoder();
  private readonly text = new StringDecoder('utf8');
  private events: ServerSentEvent[] = [];
  private index = 0;
  /** The body was read to its end. */
  private ended = false;
  /** The body failed (error or premature close); `failure` says how. */
  private failed = false;
  private failure: unknown = undefined;
  /** `[DONE]` was seen: later events are read and dropped. */
  private sawDone = false;
  /** The caller got `done` or an error: nothing more is read. */
  private closed = false;
  private wake: (() => void) | undefined = undefined;

  constructor(
    private readonly response: http.IncomingMessage,
    private readonly headers: HeaderReader,
    private readonly signal: AbortSignal | undefined,
  ) {
    response.on('data', (part: Buffer) => {
      this.decoder.push(this.text.write(part), this.events);
      this.wake?.();
    });
    finished(response, { writable: false }, (error) => {
      if (error) {
        this.failed = true;
        this.failure = error;
      } else {
        this.ended = true;
        const rest = this.text.end();
        if (rest !== '') this.decoder.push(rest, this.events);
        this.decoder.end(this.events);
      }
      this.wake?.();
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<TChunk>> {
    let result: IteratorResult<TChunk> | undefined;
    try {
      result = this.step();
    } catch (error) {
      return this.fail(error);
    }
    if (result !== undefined) return Promise.resolve(result);
    return new Promise((resolve, reject) => {
      this.wake = () => {
        let woken: IteratorResult<TChunk> | undefined;
        try {
          woken = this.step();
        } catch (error) {
          this.wake = undefined;
          this.fail(error).then(resolve, reject);
          return;
        }
        if (woken === undefined) return;
        this.wake = undefined;
        resolve(woken);
      };
    });
  }

  return(): Promise<IteratorResult<TChunk>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  /** The next chunk, `done`, or undefined when the body has nothing more yet; throws what the stream throws. */
  private step(): IteratorResult<TChunk> | undefined {
    if (this.closed) return { done: true, value: undefined };
    // A destroyed response gives nothing more of what it had read (as its iterator does).
    if (this.response.destroyed && !this.ended) this.index = this.events.length;
    while (this.index < this.events.length) {
      const sse = this.events[this.index] as ServerSentEvent;
      this.index += 1;
      if (this.sawDone) continue;
      if (sse.data.startsWith('[DONE]')) {
        this.sawDone = true;
        continue;
      }
      const data: unknown = JSON.parse(sse.data);
      if (sse.event === null || !sse.event.startsWith('thread.')) {
        const error = (data as { error?: unknown } | null)?.error;
        if (error) throw new APIError(undefined, error as object, undefined, this.headers as Headers);
        return { done: false, value: data as TChunk };
      }
      if (sse.event === 'error') {
        const record = data as { error?: object; message?: string };
        throw new APIError(undefined, record.error, record.message, undefined);
      }
      return { done: false, value: { event: sse.event, data } as TChunk };
    }
    this.events.length = 0;
    this.index = 0;
    if (this.failed) throw this.failure;
    if (this.ended) {
      this.close();
      return { done: true, value: undefined };
    }
    return undefined;
  }

  private fail(error: unknown): Promise<IteratorResult<TChunk>> {
    this.close();
    // An abort ends the stream quietly; the caller sees its signal fired.
    if (this.signal?.aborted) return Promise.resolve({ done: true, value: undefined });
    return Promise.reject(error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake = undefined;
    // Left before its end (the caller stopped reading): the connection cannot be reused.
    if (!this.ended) this.response.destroy();
  }
}

/**
 * Sends `body` as JSON and resolves once the response headers arrived: a stream of parsed chunks for a 2xx,
 * the SDK's error for anything else (the error body in the shapes withNestedErrorBodies understands).
 */
export function leanStreamRequest<TChunk>(
  options: LeanStreamOptions,
  body: unknown,
  requestOptions: { signal?: AbortSignal } | undefined,
): LeanStreamCall<TChunk> {
  return {
    withResponse: () =>
      new Promise((resolve, reject) => {
        const signal = requestOptions?.signal;
        if (signal?.aborted) {
          reject(new APIUserAbortError());
          return;
        }
        const base = options.baseUrl;
        const url = new URL(
          base + (base.endsWith('/') && options.path.startsWith('/') ? options.path.slice(1) : options.path),
        );
        const payload = JSON.stringify(body);
        const secure = url.protocol === 'https:';
        const request = (secure ? https : http).request(url, {
          method: 'POST',
          agent: secure ? sharedAgents().https : sharedAgents().http,
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            authorization: `Bearer ${options.apiKey || placeholderApiKey}`,
            // Some gateways refuse requests that name no client.
            'user-agent': 'parity',
          },
        });
        const onAbort = (): void => {
          request.destroy(abortReason(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        request.on('error', (error) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) reject(new APIUserAbortError());
          else reject(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: error }) }));
        });
        request.on('response', (response) => {
          response.on('close', () => signal?.removeEventListener('abort', onAbort));
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            const headers = headerReader(response.headers);
            resolve({ data: new SseChunks<TChunk>(response, headers, signal), response: { headers } });
            return;
          }
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('error', (error) => reject(new APIConnectionError({ cause: error })));
          response.on('end', () => {
            const text = nestedErrorBody(Buffer.concat(parts).toString('utf8'));
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            const headers = new Headers();
            for (let index = 0; index + 1 < response.rawHeaders.length; index += 2)
              headers.append(response.rawHeaders[index] as string, response.rawHeaders[index + 1] as string);
            reject(
              APIError.generate(
                status,
                (json ?? undefined) as object | undefined,
                json ? undefined : text,
                headers,
              ),
            );
          });
        });
        request.end(payload);
      }),
  };
}
