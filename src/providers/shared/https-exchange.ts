import type { IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type { Exchange, ExchangeEvents } from './http1-keep-alive-pool.ts';
import { ResponseHeaders } from './http1-response-headers.ts';

// node:https (and TLS) load with the first https: request; an http: endpoint never needs them (0345).
let https: typeof Https | undefined;
let agent: Https.Agent | undefined;

/**
 * Sends one POST over node:https with a shared keep-alive agent (any number of sockets), reporting as
 * `sendHttp1Request` does. TLS stays with node:https: hosted APIs are far away, so the CPU a raw TLS client
 * could save is small next to their latency, and certificate checks, SNI and session reuse stay node's.
 */
export function sendHttpsRequest(
  url: URL,
  headers: Readonly<Record<string, string | number>>,
  payload: string | Uint8Array,
  events: ExchangeEvents,
): Exchange {
  https ??= createRequire(import.meta.url)('node:https') as typeof Https;
  agent ??= new https.Agent({ keepAlive: true, maxSockets: Infinity });
  let live = true;
  let sawHead = false;
  let response: IncomingMessage | undefined;
  const fail = (error: Error): void => {
    if (!live) return;
    live = false;
    events.fail(error, sawHead);
  };
  const request = https.request(url, { method: 'POST', agent, headers });
  request.on('error', fail);
  request.on('response', (incoming) => {
    if (!live) {
      incoming.destroy();
      return;
    }
    response = incoming;
    sawHead = true;
    const received = new ResponseHeaders();
    for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
      received.add(incoming.rawHeaders[index] as string, incoming.rawHeaders[index + 1] as string);
    }
    events.head(incoming.statusCode ?? 0, received);
    incoming.on('data', (bytes: Buffer) => {
      if (live) events.body(bytes);
    });
    incoming.on('error', fail);
    incoming.on('end', () => {
      if (!live) return;
      live = false;
      events.complete();
    });
  });
  request.end(payload);
  return {
    abort: () => {
      if (!live) return;
      live = false;
      request.destroy();
      response?.destroy();
    },
    pause: () => response?.pause(),
    resume: () => response?.resume(),
  };
}
