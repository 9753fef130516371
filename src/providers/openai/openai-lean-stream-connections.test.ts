import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { APIConnectionError, APIUserAbortError, BadRequestError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  rawHttpServer as rawServer,
  type RawHttpServer,
  waitFor,
} from '../../../test/support/raw-http-server.ts';
import { createOpenAIChatModel } from './openai-chat-model.ts';
import { leanStreamRequest } from './openai-lean-stream.ts';

const event = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
/** A chunked SSE response with these body pieces, each one chunk. */
const chunkedSse = (pieces: string[], end = true): string =>
  'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n' +
  pieces.map((piece) => `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`).join('') +
  (end ? '0\r\n\r\n' : '');

function call(url: string, signal?: AbortSignal) {
  return leanStreamRequest<unknown>(
    { baseUrl: url, apiKey: 'sk-test', path: '/chat/completions' },
    { model: 'm', stream: true },
    signal ? { signal } : undefined,
  ).withResponse();
}

async function collect(url: string): Promise<unknown[]> {
  const { data } = await call(url);
  const chunks: unknown[] = [];
  for await (const chunk of data) chunks.push(chunk);
  return chunks;
}

let server: RawHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the lean OpenAI stream over parity’s HTTP/1.1 client', () => {
  it('sends one request head with the key, host, length and keep-alive, and the JSON body', async () => {
    let seen = '';
    server = await rawServer((socket, request) => {
      seen = request;
      socket.write(chunkedSse([event({ n: 1 }), 'data: [DONE]\n\n']));
    });
    expect(await collect(server.url)).toEqual([{ n: 1 }]);
    const port = new URL(server.url).port;
    expect(seen).toBe(
      'POST /v1/chat/completions HTTP/1.1\r\naccept: application/json\r\ncontent-type: application/json\r\n' +
        `authorization: Bearer sk-test\r\nuser-agent: parity\r\nhost: 127.0.0.1:${port}\r\n` +
        'connection: keep-alive\r\ncontent-length: 27\r\n\r\n{"model":"m","stream":true}',
    );
  });

  it('counts the content length in bytes and sends a non-ASCII body as UTF-8', async () => {
    let seen = '';
    server = await rawServer((socket, request) => {
      seen = request;
      socket.write(chunkedSse(['data: [DONE]\n\n']));
    });
    const body = { model: 'm', prompt: 'Ünïcödé — 日本語 😀' };
    const { data } = await leanStreamRequest<unknown>(
      { baseUrl: server.url, apiKey: 'sk-test', path: '/completions' },
      body,
      undefined,
    ).withResponse();
    for await (const chunk of data) expect(chunk).toBeUndefined();
    const bytes = Buffer.from(JSON.stringify(body));
    expect(seen).toContain(`\r\ncontent-length: ${bytes.length}\r\n\r\n`);
    expect(Buffer.from(seen.slice(seen.indexOf('\r\n\r\n') + 4), 'latin1').equals(bytes)).toBe(true);
  });

  it('reads every stream to its end (events after [DONE] too) and reuses the connection', async () => {
    server = await rawServer((socket) =>
      socket.write(chunkedSse([event({ n: 1 }), 'data: [DONE]\n\n', ': trailing comment\n\n'])),
    );
    for (let round = 0; round < 3; round += 1) expect(await collect(server.url)).toEqual([{ n: 1 }]);
    expect(server.connections()).toBe(1);
  });

  it('reuses the connection after an error status whose body was read, with the server’s message', async () => {
    server = await rawServer((socket, request) => {
      if (request.includes('"stream":true')) {
        const body = '{"error":{"message":"bad model","type":"invalid_request_error"}}';
        socket.write(`HTTP/1.1 400 Bad Request\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      }
    });
    for (let round = 0; round < 2; round += 1) {
      const failure = await collect(server.url).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BadRequestError);
      expect((failure as Error).message).toContain('bad model');
    }
    expect(server.connections()).toBe(1);
  });

  it('turns a reset on a reused keep-alive connection into APIConnectionError', async () => {
    server = await rawServer((socket) => {
      if (socket.bytesWritten === 0) socket.write(chunkedSse(['data: [DONE]\n\n']));
      else socket.resetAndDestroy();
    });
    expect(await collect(server.url)).toEqual([]);
    const failure = await collect(server.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIConnectionError);
    expect(((failure as Error).cause as Error).cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('turns a response head past 16 KiB into APIConnectionError naming the limit', async () => {
    server = await rawServer((socket) => socket.write(`HTTP/1.1 200 OK\r\nx-big: ${'y'.repeat(40_000)}\r\n`));
    const failure = await collect(server.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIConnectionError);
    expect(((failure as Error).cause as Error).cause).toMatchObject({
      message: 'response head larger than 16384 bytes',
    });
  });

  it('ends quietly on an abort mid-body, drops that connection, and connects anew for the next call', async () => {
    server = await rawServer((socket, _request, connection) => {
      if (connection === 1) socket.write(chunkedSse([event({ n: 1 })], false));
      else socket.write(chunkedSse([event({ n: 2 }), 'data: [DONE]\n\n']));
    });
    const controller = new AbortController();
    const { data } = await call(server.url, controller.signal);
    const iterator = data[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 1 } });
    const waiting = iterator.next();
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
    expect(await collect(server.url)).toEqual([{ n: 2 }]);
    expect(server.connections()).toBe(2);
  });

  it('rejects with APIUserAbortError when aborted before the head', async () => {
    server = await rawServer(() => undefined);
    const controller = new AbortController();
    const pending = call(server.url, controller.signal);
    await waitFor(() => server?.connections() === 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
  });

  it('drops the connection of a stream the caller leaves before its end', async () => {
    server = await rawServer((socket) => socket.write(chunkedSse([event({ n: 1 }), event({ n: 2 })], false)));
    const { data } = await call(server.url);
    for await (const chunk of data) {
      expect(chunk).toEqual({ n: 1 });
      break;
    }
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
  });

  it('keeps every event of a long stream read slowly (the socket waits while the reader is behind)', async () => {
    const events = Array.from({ length: 1000 }, (_, n) => event({ n }));
    server = await rawServer((socket) => socket.write(chunkedSse([...events, 'data: [DONE]\n\n'])));
    const { data } = await call(server.url);
    let count = 0;
    for await (const chunk of data) {
      expect(chunk).toEqual({ n: count });
      count += 1;
      if (count % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(count).toBe(1000);
  });

  it('gives the events before malformed JSON, then its SyntaxError, and drops the connection', async () => {
    server = await rawServer((socket) =>
      socket.write(chunkedSse([event({ n: 1 }) + 'data: {"n":\n\n', 'data: [DONE]\n\n'])),
    );
    const { data } = await call(server.url);
    const chunks: unknown[] = [];
    const failure = await (async () => {
      for await (const chunk of data) chunks.push(chunk);
    })().catch((error: unknown) => error);
    expect(chunks).toEqual([{ n: 1 }]);
    expect(failure).toBeInstanceOf(SyntaxError);
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
  });
});

describe('the lean OpenAI stream refuses what node:http refused', () => {
  it('a key that would break the request head (no header injection), and a URL that is not http(s)', async () => {
    const call = (baseUrl: string, apiKey: string) =>
      leanStreamRequest<unknown>(
        { baseUrl, apiKey, path: '/chat/completions' },
        {},
        undefined,
      ).withResponse();
    await expect(call('http://127.0.0.1:9/v1', 'sk-1\r\nx-injected: 1')).rejects.toMatchObject({
      code: 'ERR_INVALID_CHAR',
    });
    await expect(call('ftp://127.0.0.1:9/v1', 'sk-1')).rejects.toMatchObject({
      code: 'ERR_INVALID_PROTOCOL',
    });
  });
});

/** A self-signed certificate for 127.0.0.1 made by openssl in `directory`; undefined without openssl. */
function selfSigned(directory: string): { key: Buffer; cert: Buffer } | undefined {
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        join(directory, 'key.pem'),
        '-out',
        join(directory, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return { key: readFileSync(join(directory, 'key.pem')), cert: readFileSync(join(directory, 'cert.pem')) };
}

describe('the lean OpenAI stream over https:', () => {
  it('checks the server’s certificate (a self-signed one is refused as a connection failure)', async (context) => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-tls-'));
    try {
      const certificate = selfSigned(directory);
      if (certificate === undefined)
        return context.skip('openssl is not available to make a test certificate');
      const secure = tls.createServer(certificate, (socket) => socket.on('error', () => undefined));
      await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', () => resolve()));
      const port = (secure.address() as net.AddressInfo).port;
      const failure = await collect(`https://127.0.0.1:${port}/v1`).catch((error: unknown) => error);
      await new Promise<void>((resolve) => secure.close(() => resolve()));
      expect(failure).toBeInstanceOf(APIConnectionError);
      expect(String(((failure as Error).cause as Error).cause)).toMatch(/self[- ]signed/i);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('sends the chat model’s body (shared turns as kept bytes) byte for byte, with its length', async (context) => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-tls-'));
    const trust = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    try {
      const certificate = selfSigned(directory);
      if (certificate === undefined)
        return context.skip('openssl is not available to make a test certificate');
      const received: { length: string | undefined; body: Buffer }[] = [];
      const secure = https.createServer(certificate, (request, response) => {
        const parts: Buffer[] = [];
        request.on('data', (part: Buffer) => parts.push(part));
        request.on('end', () => {
          received.push({ length: request.headers['content-length'], body: Buffer.concat(parts) });
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(
            `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'B' }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`,
          );
        });
      });
      await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', () => resolve()));
      // This test's server only: node reads the setting at each connection.
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      const port = (secure.address() as net.AddressInfo).port;
      const model = createOpenAIChatModel({
        baseUrl: `https://127.0.0.1:${port}/v1`,
        modelId: 'm',
        now: () => 0,
      });
      const shared = { role: 'user', content: 'Ünïcödé — 日本語 😀\nAnswer:' } as const;
      for (let item = 0; item < 3; item += 1) {
        const result = await model.generate(
          { messages: [shared, { role: 'user', content: `é ${item}` }], parameters: {} },
          {},
        );
        const last = received.at(-1);
        expect(last?.body.equals(Buffer.from(JSON.stringify(result.raw?.request)))).toBe(true);
        expect(last?.length).toBe(String(last?.body.length));
      }
      secure.closeAllConnections();
      await new Promise<void>((resolve) => secure.close(() => resolve()));
    } finally {
      if (trust === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = trust;
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
