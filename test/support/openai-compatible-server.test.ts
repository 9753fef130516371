import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from './openai-compatible-server.ts';

let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('startOpenAICompatibleServer', () => {
  it('streams SSE chunks, a finish chunk, a usage chunk when asked, then [DONE]', async () => {
    server = await startOpenAICompatibleServer({
      respond: () => ({ text: 'Hello there', usage: { prompt_tokens: 3 } }),
    });
    const response = await post(server.url, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual([
      '',
      'Hello ',
      'there',
      null,
      null,
    ]);
    expect(chunks[3].choices[0].finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 3 } });
    expect(server.requests).toHaveLength(1);
  });

  it('answers without streaming, lists models and returns 404 elsewhere', async () => {
    server = await startOpenAICompatibleServer({
      respond: ({ index }) => ({ text: `reply ${index}`, usage: null }),
    });
    const completion = await (await post(server.url, { model: 'm', messages: [] })).json();
    expect(completion).toEqual({
      id: 'chatcmpl-parity',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'reply 0' }, finish_reason: 'stop' }],
    });
    const models = await (await fetch(`${server.url}/models`)).json();
    expect(models).toEqual({
      object: 'list',
      data: [{ id: 'test-model', object: 'model', created: 0, owned_by: 'parity' }],
    });
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it('sends error statuses with their body and headers', async () => {
    server = await startOpenAICompatibleServer({
      respond: () => ({
        status: 429,
        headers: { 'retry-after': '1' },
        errorBody: { error: { message: 'slow down' } },
      }),
    });
    const response = await post(server.url, { model: 'm', messages: [], stream: true });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });
});

describe('instant-server-main.ts', () => {
  it('prints its base URL first and answers with the fixed text', async () => {
    const { spawn } = await import('node:child_process');
    const { createInterface } = await import('node:readline');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/instant-server-main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const completion = await (
        await post(url, { model: 'm', messages: [{ role: 'user', content: 'q' }] })
      ).json();
      expect(completion).toMatchObject({ choices: [{ message: { content: 'The best answer is A.' } }] });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
