import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';

export interface NodeHttpFetchOptions {
  /** Most open connections per host. Default: no limit (callers bound their own concurrency). */
  readonly maxSockets?: number;
}

function toHeaderRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  new Headers(headers).forEach((value, name) => (record[name] = value));
  return record;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * A `fetch` over node:http(s) with keep-alive agents. Node's built-in fetch (undici) allocates several
 * times more per request; at a thousand streamed requests a second that shows as tens of megabytes of extra
 * peak memory and half the throughput (bench/run.ts). Only string and byte bodies go this way; any other
 * body (streams, form data) goes to the global fetch. Connection failures reject with a TypeError carrying
 * the cause, as fetch does; an aborted signal rejects with its reason.
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? Infinity };
  // node:http and node:https load with the first request: an OpenAI-compatible model makes this fetch when it is
  // made, but streams its generations through http1-keep-alive-pool.ts, so an eval often sends nothing here (0345).
  let transports: { http: typeof Http; https: typeof Https; httpAgent: Http.Agent; httpsAgent: Https.Agent };
  const loadTransports = () => {
    const require = createRequire(import.meta.url);
    const http = require('node:http') as typeof Http;
    const https = require('node:https') as typeof Https;
    return {
      http,
      https,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    };
  };

  return async function nodeHttpFetch(
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<Response> {
    if (input instanceof Request) return fetch(input, init);
    const body = requestBody(init.body);
    if (init.body !== undefined && init.body !== null && body === undefined) return fetch(input, init);
    const url = new URL(input);
    transports ??= loadTransports();
    const { http, https, httpAgent, httpsAgent } = transports;
    const transport = url.protocol === 'https:' ? https : http;
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const headers = toHeaderRecord(init.headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(url, {
        method: init.method ?? 'GET',
        headers,
        agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
      });
      const onAbort = (): void => {
        const reason = abortError(signal as AbortSignal);
        request.destroy(reason instanceof Error ? reason : new Error(String(reason)));
        reject(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause: error }));
      });
      request.on('response', (response) => {
        const responseHeaders = new Headers();
        for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
          responseHeaders.append(
            response.rawHeaders[index] as string,
            response.rawHeaders[index + 1] as string,
          );
        }
        response.on('close', () => signal?.removeEventListener('abort', onAbort));
        const status = response.statusCode ?? 0;
        const noBody = status === 204 || status === 304 || init.method === 'HEAD';
        if (noBody) response.resume();
        resolve(
          new Response(noBody ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>), {
            status,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      });
      request.end(body);
    });
  } as typeof fetch;
}
