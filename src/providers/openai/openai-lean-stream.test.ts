import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIConnectionError, APIError, BadRequestError, InternalServerError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanStreamRequest } from './openai-lean-stream.ts';

/** What the test server answers next: raw body pieces written one at a time (split where the test wants). */
let reply: { status: number; headers?: Record<string, string>; pieces: (string | Buffer)[] } = {
  status: 200,
  pieces: [],
};
/** A piece that cuts the connection instead of writing. */
const cut = 'CUT';

let lastRequest: { url: string; headers: IncomingMessage['headers']; body: string } | undefined;

function start(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (body += part));
    request.on('end', () => {
      lastRequest = { url: request.url ?? '', headers: request.headers, body };
      response.writeHead(reply.status, { 'content-type': 'text/event-stream', ...reply.headers });
      const pieces = [...reply.pieces];
      const next = (): void => {
        const piece = pieces.shift();
        if (piece === undefined) {
          response.end();
          return;
        }
        if (piece === cut) {
          response.socket?.destroy();
          return;
        }
        response.write(piece);
        setTimeout(next, 2);
      };
      next();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}

async function collect(baseUrl: string): Promise<{ chunks: unknown[]; remaining?: string | null }> {
  const call = leanStreamRequest<unknown>(
    { baseUrl, apiKey: 'sk-test', path: '/chat/completions' },
    { model: 'm', stream: true },
    undefined,
  );
  const { data, response } = await call.withResponse();
  const chunks: unknown[] = [];
  for await (const chunk of data) chunks.push(chunk);
  return { chunks, remaining: response.headers.get('x-ratelimit-remaining-requests') };
}

describe('parity’s lean OpenAI stream client', () => {
  let started: { server: Server; url: string };
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => new Promise<void>((resolve) => started.server.close(() => resolve())));

  it('posts JSON with the bearer key to <base>/chat/completions', async () => {
    reply = { status: 200, pieces: ['data: [DONE]\n\n'] };
    await collect(started.url);
    expect(lastRequest?.url).toBe('/v1/chat/completions');
    expect(lastRequest?.headers.authorization).toBe('Bearer sk-test');
    expect(lastRequest?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(lastRequest?.body ?? '')).toEqual({ model: 'm', stream: true });
  });

  it('parses events split anywhere, CRLF and CR line ends, comments, multi-line data, and stops at [DONE]', async () => {
    reply = {
      status: 200,
      headers: { 'x-ratelimit-remaining-requests': '41' },
      pieces: [
        ': keep-alive comment\r\n\r\n',
        'data: {"n"',
        ':1}\r',
        '\n\r\ndata: {"n":\ndata: 2}\n\n',
        'event: message\rdata: {"n":3}\r\r',
        'data: [DONE]\n\n',
        'data: {"n":4}\n\n',
      ],
    };
    const { chunks, remaining } = await collect(started.url);
    expect(chunks).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(remaining).toBe('41');
  });

  it('takes a last event that has no blank line after it', async () => {
    reply = { status: 200, pieces: ['data: {"n":1}\n\ndata: {"n":2}'] };
    expect((await collect(started.url)).chunks).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('decodes a character whose bytes arrive in two reads', async () => {
    const text = Buffer.from('data: {"t":"é€"}\n\n', 'utf8');
    reply = { status: 200, pieces: [text.subarray(0, 12), text.subarray(12, 14), text.subarray(14)] };
    expect((await collect(started.url)).chunks).toEqual([{ t: 'é€' }]);
  });

  it('gives the events that came whole, then the error of a body cut part-way', async () => {
    reply = { status: 200, pieces: ['data: {"n":1}\n\ndata: {"n":', cut] };
    const call = leanStreamRequest<unknown>(
      { baseUrl: started.url, path: '/chat/completions' },
      { model: 'm', stream: true },
      undefined,
    );
    const { data } = await call.withResponse();
    const chunks: unknown[] = [];
    const failure = await (async () => {
      for await (const chunk of data) chunks.push(chunk);
    })().catch((error: unknown) => error);
    expect(chunks).toEqual([{ n: 1 }]);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/aborted|premature close/i);
  });

  it('throws the SDK’s APIError for an error event inside the stream', async () => {
    reply = {
      status: 200,
      pieces: ['data: {"n":1}\n\n', 'data: {"error":{"message":"boom","code":503}}\n\n'],
    };
    const failure = await collect(started.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBeUndefined();
    expect((failure as APIError).message).toContain('boom');
  });

  it('throws the SDK’s status errors with the server’s message, flat error bodies nested as the SDK reads them', async () => {
    reply = { status: 400, pieces: ['{"object":"error","message":"stream_options not allowed","code":400}'] };
    const bad = await collect(started.url).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as APIError).message).toContain('stream_options not allowed');
    reply = { status: 503, headers: { 'retry-after': '2' }, pieces: ['overloaded, try later'] };
    const down = await collect(started.url).catch((error: unknown) => error);
    expect(down).toBeInstanceOf(InternalServerError);
    expect((down as APIError).message).toContain('overloaded, try later');
    expect((down as APIError).headers?.get('retry-after')).toBe('2');
  });

  it('throws APIConnectionError when nothing listens', async () => {
    const closed = await start();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const failure = await collect(closed.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIConnectionError);
  });
});
