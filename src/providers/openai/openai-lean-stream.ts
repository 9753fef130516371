import http from 'node:http';
import https from 'node:https';
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

/** The JSON chunks of an SSE response, as the SDK's Stream yields them; the socket is freed or destroyed at the end. */
async function* chunksOf<TChunk>(
  response: http.IncomingMessage,
  headers: HeaderReader,
  signal: AbortSignal | undefined,
): AsyncGenerator<TChunk> {
  const decoder = new EventDecoder();
  const events: ServerSentEvent[] = [];
  let done = false;
  let ended = false;
  response.setEncoding('utf8');
  try {
    const iterator = response[Symbol.asyncIterator]() as AsyncIterator<string>;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        decoder.end(events);
      } else {
        decoder.push(next.value, events);
      }
      for (let index = 0; index < events.length; index += 1) {
        const sse = events[index] as ServerSentEvent;
        if (done) continue;
        if (sse.data.startsWith('[DONE]')) {
          done = true;
          continue;
        }
        const data: unknown = JSON.parse(sse.data);
        if (sse.event === null || !sse.event.startsWith('thread.')) {
          const error = (data as { error?: unknown } | null)?.error;
          if (error) throw new APIError(undefined, error as object, undefined, headers as Headers);
          yield data as TChunk;
        } else {
          if (sse.event === 'error') {
            const record = data as { error?: object; message?: string };
            throw new APIError(undefined, record.error, record.message, undefined);
          }
          yield { event: sse.event, data } as TChunk;
        }
      }
      events.length = 0;
    }
    done = true;
  } catch (error) {
    // An abort ends the stream quietly, as the SDK's does; the caller sees its signal fired.
    if (signal?.aborted) return;
    throw error;
  } finally {
    // Left before its end (the caller stopped reading): the connection cannot be reused.
    if (!ended) response.destroy();
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
            resolve({ data: chunksOf<TChunk>(response, headers, signal), response: { headers } });
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
