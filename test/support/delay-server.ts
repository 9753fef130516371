import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoadRandom } from '../../src/loadgen/load-random.ts';

/**
 * A streaming OpenAI-compatible server (chat and completions) that injects known delays and records, per
 * request, when it actually received it and wrote each token: the truth `parity bench` is checked against.
 * Every reply has exactly `max_tokens` tokens (as with vLLM's ignore_eos), one token per chunk.
 */
export interface DelayServerOptions {
  /** Request arrival → first token, in ms. */
  readonly ttftMs: number;
  /** Gap between tokens, in ms. */
  readonly perTokenMs: number;
  /** Uniform jitter ±ms added to the TTFT target. Default 0. */
  readonly ttftJitterMs?: number;
  /** Uniform jitter ±ms added to each later token's target (targets stay on the nominal grid). Default 0. */
  readonly tokenJitterMs?: number;
  /** This fraction of requests (seeded) gets `slowTtftMs` instead of `ttftMs`: a second mode, for goodput. Default 0. */
  readonly slowFraction?: number;
  readonly slowTtftMs?: number;
  /** Answer 400 to requests that carry ignore_eos or min_tokens (as OpenAI's API does). Default false. */
  readonly refuseExtraParameters?: boolean;
  /** Fail this fraction of requests with HTTP 500 (seeded). Default 0. */
  readonly errorFraction?: number;
  readonly seed?: number;
}

/** What the server did for one request; times are on the server's `performance.now()` clock. */
export interface DelayTruth {
  readonly receivedMs: number;
  /** When each token chunk was handed to the socket. */
  readonly tokenWrittenMs: readonly number[];
  readonly endMs: number;
  readonly promptTokens: number;
  readonly status: number;
}

export interface DelayServer {
  /** Base URL ending in /v1. */
  readonly url: string;
  /** Completed requests in arrival order (also served as JSON by GET /truth). */
  readonly truths: () => DelayTruth[];
  close(): Promise<void>;
}

interface CompletionBody {
  readonly model?: string;
  readonly messages?: readonly { readonly content?: string }[];
  readonly prompt?: string;
  readonly max_tokens?: number;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly ignore_eos?: boolean;
  readonly min_tokens?: number;
}

function promptTokens(body: CompletionBody): number {
  const text = body.prompt ?? (body.messages ?? []).map((message) => message.content ?? '').join(' ');
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

export async function startDelayServer(options: DelayServerOptions): Promise<DelayServer> {
  const random = createLoadRandom(options.seed ?? 1);
  const jitter = (range: number | undefined): number => (range ? (random.next() * 2 - 1) * range : 0);
  const truths: DelayTruth[] = [];

  const handle = (request: IncomingMessage, response: ServerResponse, receivedMs: number): void => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/truth') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(truths));
      return;
    }
    if (request.method === 'GET' && path === '/v1/models') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"object":"list","data":[{"id":"delay-model","object":"model"}]}');
      return;
    }
    const chat = path === '/v1/chat/completions';
    if (request.method !== 'POST' || (!chat && path !== '/v1/completions')) {
      response.writeHead(404).end();
      return;
    }
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (text += part));
    request.on('end', () => {
      const body = JSON.parse(text) as CompletionBody;
      const refuse =
        options.refuseExtraParameters && (body.ignore_eos !== undefined || body.min_tokens !== undefined);
      const fail = options.errorFraction !== undefined && random.next() < options.errorFraction;
      if (refuse || fail) {
        const status = refuse ? 400 : 500;
        const message = refuse ? 'Unrecognized request argument supplied: ignore_eos' : 'injected failure';
        response.writeHead(status, { 'content-type': 'application/json' });
        // Stamped before the end is written: stamped after, a descheduled server could stamp later than the
        // client reads it, and the client's step would look shorter than the server's.
        const endMs = performance.now();
        response.end(JSON.stringify({ error: { message } }));
        truths.push({ receivedMs, tokenWrittenMs: [], endMs, promptTokens: 0, status });
        return;
      }
      stream({ response, body, chat, receivedMs });
    });
  };

  const stream = (context: {
    response: ServerResponse;
    body: CompletionBody;
    chat: boolean;
    receivedMs: number;
  }): void => {
    const { response, body, chat, receivedMs } = context;
    const tokens = body.max_tokens ?? 16;
    const head = `{"id":"cmpl-delay","object":"${chat ? 'chat.completion.chunk' : 'text_completion'}","created":0,"model":${JSON.stringify(body.model ?? '')},"choices":[`;
    const choice = (content: string, finish: string | null): string =>
      chat
        ? `{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":${JSON.stringify(finish)}}`
        : `{"index":0,"text":${JSON.stringify(content)},"finish_reason":${JSON.stringify(finish)}}`;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // vLLM's first chat chunk: the role with empty content, sent at once (not a token).
    if (chat) response.write(`data: ${head}{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n`);
    const written: number[] = [];
    const slow = options.slowFraction !== undefined && random.next() < options.slowFraction;
    const ttftMs = slow ? (options.slowTtftMs ?? options.ttftMs) : options.ttftMs;
    const firstTargetMs = receivedMs + ttftMs + jitter(options.ttftJitterMs);
    const targetMs = (index: number): number =>
      index === 0
        ? firstTargetMs
        : firstTargetMs + index * options.perTokenMs + jitter(options.tokenJitterMs);
    const finish = (): void => {
      const usage = { prompt_tokens: promptTokens(body), completion_tokens: tokens };
      const usageEvent = body.stream_options?.include_usage
        ? `data: ${head.replace('"choices":[', '"choices":[],"usage":')}${JSON.stringify(usage)}}\n\n`
        : '';
      // Stamped before the end is written (see above): the client's end is then never before the server's.
      const endMs = performance.now();
      response.end(`${usageEvent}data: [DONE]\n\n`);
      truths.push({
        receivedMs,
        tokenWrittenMs: written,
        endMs,
        promptTokens: usage.prompt_tokens,
        status: 200,
      });
    };
    // Each token is scheduled against its absolute target (from the request's arrival), so timer lateness
    // never accumulates; a target already reached is written at once (an instant server writes everything
    // in one go).
    const writeFrom = (index: number, target: number): void => {
      let next = index;
      let nextTarget = target;
      while (next < tokens) {
        if (response.destroyed) return;
        const delayMs = nextTarget - performance.now();
        if (delayMs > 0) {
          const scheduled = next;
          setTimeout(() => {
            if (response.destroyed) return;
            written.push(performance.now());
            response.write(token(scheduled));
            writeFrom(scheduled + 1, targetMs(scheduled + 1));
          }, delayMs);
          return;
        }
        written.push(performance.now());
        response.write(token(next));
        next += 1;
        nextTarget = targetMs(next);
      }
      finish();
    };
    const token = (index: number): string =>
      `data: ${head}${choice(' tok', index === tokens - 1 ? 'length' : null)}]}\n\n`;
    writeFrom(0, firstTargetMs);
  };

  const server = createServer({ noDelay: true }, (request, response) =>
    handle(request, response, performance.now()),
  );
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    truths: () => [...truths],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
