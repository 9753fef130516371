import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.ts';

describe('createNodeHttpFetch', () => {
  let server: Server;
  let baseUrl: string;
  const received: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body });
        if (request.url === '/slow') return void setTimeout(() => response.end('late'), 5_000).unref();
        if (request.url === '/empty') return void response.writeHead(204).end();
        response.writeHead(201, { 'content-type': 'text/event-stream', 'x-multi': 'a' });
        response.write('data: one\n\n');
        setTimeout(() => response.end('data: two\n\n'), 10);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, headers and body, and streams the response', async () => {
    const fetchOverHttp = createNodeHttpFetch();
    const response = await fetchOverHttp(`${baseUrl}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
      body: JSON.stringify({ hello: 'wörld' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('data: one\n\ndata: two\n\n');
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'content-length': '18' },
      body: '{"hello":"wörld"}',
    });
  });

  it('gives a bodiless response for 204', async () => {
    const response = await createNodeHttpFetch()(`${baseUrl}/empty`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('rejects with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = createNodeHttpFetch()(`${baseUrl}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop now')), 20);
    await expect(pending).rejects.toThrow('stop now');
  });

  it('rejects like fetch when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = createNodeHttpFetch()(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(await failure).toBeInstanceOf(TypeError);
    expect(((await failure) as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
