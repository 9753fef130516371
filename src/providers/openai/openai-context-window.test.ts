import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { discoverOpenAIContextWindow, numCtxParameter, serverRoot } from './openai-context-window.ts';

/** A loopback server answering JSON per `METHOD /path`, recording each request's path and authorization. */
async function jsonServer(routes: Record<string, unknown>) {
  const seen: { route: string; authorization: string | undefined }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const route = `${request.method} ${request.url}`;
    seen.push({ route, authorization: request.headers.authorization });
    request.resume();
    if (route in routes)
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(routes[route]));
    else response.writeHead(404).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('discoverOpenAIContextWindow', () => {
  it('takes max_model_len of the entry whose id is the model, not of another served model', async () => {
    const server = await jsonServer({
      'GET /v1/models': {
        object: 'list',
        data: [
          { id: 'other', object: 'model', max_model_len: 100 },
          { id: 'm', object: 'model', max_model_len: 32768 },
        ],
      },
    });
    try {
      const found = await discoverOpenAIContextWindow({
        baseUrl: `${server.origin}/v1/`,
        modelId: 'm',
        apiKey: 'sk-secret',
        fetch,
        callOptions: { timeoutMs: 5000 },
      });
      expect(found?.tokens).toBe(32768);
      expect(server.seen).toEqual([{ route: 'GET /v1/models', authorization: 'Bearer sk-secret' }]);
      expect(JSON.stringify(found)).not.toContain('sk-secret');
    } finally {
      await server.close();
    }
  });

  it('an unknown model among several, and no other route: undefined after trying /props and /api/show at the root', async () => {
    const server = await jsonServer({
      'GET /v1/models': {
        data: [
          { id: 'a', max_model_len: 1 },
          { id: 'b', max_model_len: 2 },
        ],
      },
    });
    try {
      expect(
        await discoverOpenAIContextWindow({
          baseUrl: `${server.origin}/v1`,
          modelId: 'm',
          fetch,
          callOptions: {},
        }),
      ).toBeUndefined();
      expect(server.seen.map((entry) => entry.route)).toEqual([
        'GET /v1/models',
        'GET /props',
        'POST /api/show',
      ]);
      expect(server.seen.every((entry) => entry.authorization === undefined)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a refused connection is no window, not an error', async () => {
    const server = await jsonServer({});
    await server.close();
    expect(
      await discoverOpenAIContextWindow({
        baseUrl: `${server.origin}/v1`,
        modelId: 'm',
        fetch,
        callOptions: {},
      }),
    ).toBeUndefined();
  });

  it('reads num_ctx from Ollama parameters text and finds the server root', () => {
    expect(numCtxParameter('num_keep 24\nnum_ctx                        16384\nstop "x"')).toBe(16384);
    expect(numCtxParameter('num_keep 24')).toBeUndefined();
    expect(numCtxParameter(undefined)).toBeUndefined();
    expect(serverRoot('http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434');
    expect(serverRoot('http://h:8080')).toBe('http://h:8080');
  });
});
