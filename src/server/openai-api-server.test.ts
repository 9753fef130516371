import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalModel, type LocalModel } from '../providers/local/local-model.ts';
import { makeTinyGguf } from '../providers/local/tiny-gguf.ts';
import { startOpenAIApiServer, type OpenAIApiServer } from './openai-api-server.ts';

// Every refusal below happens before the model is asked anything: the (real, tiny) model is never loaded.

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with exactly these headers (fetch would not let us set Host). */
function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolveResponse, reject) => {
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (incoming) => {
        let body = '';
        incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
        incoming.on('end', () =>
          resolveResponse({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const invalidBody = JSON.stringify({ messages: 'not a list' });

describe('parity serve refuses what a local model server must not answer', () => {
  let directory: string;
  let model: LocalModel;
  const servers: OpenAIApiServer[] = [];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-serve-guard-'));
    writeFileSync(join(directory, 'tiny.gguf'), makeTinyGguf());
    model = createLocalModel({ modelPath: join(directory, 'tiny.gguf'), now: () => performance.now() });
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function start(options: Partial<Parameters<typeof startOpenAIApiServer>[0]> = {}): Promise<string> {
    const server = await startOpenAIApiServer({ model, port: 0, nowSeconds: () => 0, ...options });
    servers.push(server);
    return server.url;
  }

  it('answers 421 to a Host header that names another machine (DNS rebinding), like parity view', async () => {
    const url = await start();
    const rebound = await send(url, {
      path: '/v1/chat/completions',
      headers: { host: 'attacker.example:8080' },
      body: invalidBody,
    });
    expect(rebound.status).toBe(421);
    const local = await send(url, {
      path: '/v1/chat/completions',
      headers: { host: 'localhost:8080' },
      body: invalidBody,
    });
    // Past the guard: the body is checked (400), nothing is refused for its Host.
    expect(local.status).toBe(400);
  });

  it('refuses cross-origin browser requests (a simple POST from any web page) unless --cors allows the origin', async () => {
    const url = await start();
    const crossSite = await send(url, {
      path: '/v1/completions',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ prompt: 'hi', max_tokens: 1 }),
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toMatchObject({
      error: { message: expect.stringContaining('--cors') },
    });

    const allowing = await start({ allowedOrigins: ['http://localhost:3000'] });
    const preflight = await send(allowing, {
      method: 'OPTIONS',
      path: '/v1/chat/completions',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const allowed = await send(allowing, {
      path: '/v1/chat/completions',
      headers: { origin: 'http://localhost:3000' },
      body: invalidBody,
    });
    expect(allowed.status).toBe(400);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const other = await send(allowing, {
      path: '/v1/chat/completions',
      headers: { origin: 'http://localhost:4000' },
      body: invalidBody,
    });
    expect(other.status).toBe(403);
  });

  it('refuses a body above the cap with 413 without reading it', async () => {
    const url = await start({ maxBodyBytes: 1024 });
    const declared = await send(url, { path: '/v1/chat/completions', body: 'x'.repeat(2048) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      error: { message: expect.stringContaining('1024 bytes') },
    });
    // Chunked (no Content-Length): counted as it arrives.
    const chunked = await send(url, {
      path: '/v1/chat/completions',
      headers: { 'transfer-encoding': 'chunked' },
      body: 'y'.repeat(4096),
    });
    expect(chunked.status).toBe(413);
    const small = await send(url, { path: '/v1/chat/completions', body: invalidBody });
    expect(small.status).toBe(400);
  });

  it('with an API key, answers 401 to clients that do not send it', async () => {
    const url = await start({ apiKey: 'serve-secret' });
    const without = await send(url, { path: '/v1/chat/completions', body: invalidBody });
    expect(without.status).toBe(401);
    expect(without.body).not.toContain('serve-secret');
    const wrong = await send(url, {
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer serve-secreT' },
      body: invalidBody,
    });
    expect(wrong.status).toBe(401);
    const right = await send(url, {
      path: '/v1/models',
      method: 'GET',
      headers: { authorization: 'Bearer serve-secret' },
    });
    expect(right.status).toBe(200);
  });
});
