import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from './openai-chat-model.ts';

/** A server that ignores `stop`: the answer goes on past the stop string, then usage, then [DONE]. */
function startIgnoringStopServer(): Promise<{ server: Server; url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
      const chunk = (content: string, finish: string | null = null) => ({
        id: 'c',
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { content }, finish_reason: finish }],
      });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(event(chunk('The best answer is B')));
      response.write(event(chunk('. And then more text that parity cuts off')));
      setTimeout(() => {
        response.write(event(chunk(' and even more.', 'stop')));
        response.write(
          event({
            id: 'c',
            object: 'chat.completion.chunk',
            choices: [],
            usage: { prompt_tokens: 7, completion_tokens: 9 },
          }),
        );
        response.end('data: [DONE]\n\n');
      }, 20);
    });
  });
  server.on('connection', () => (connections += 1));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        connections: () => connections,
      }),
    ),
  );
}

describe('a stream parity cuts at a stop string', () => {
  let started: Awaited<ReturnType<typeof startIgnoringStopServer>>;
  beforeAll(async () => {
    started = await startIgnoringStopServer();
  });
  afterAll(() => new Promise<void>((resolve) => started.server.close(() => resolve())));

  it('is drained, not destroyed: the usage at its end arrives and the connection is reused', async () => {
    const model = createOpenAIChatModel({ baseUrl: started.url, modelId: 'm', now: () => performance.now() });
    for (let call = 0; call < 5; call += 1) {
      const result = await model.generate(
        { messages: [{ role: 'user', content: 'Q' }], parameters: { maxTokens: 10, stop: ['.'] } },
        { timeoutMs: 10_000 },
      );
      expect(result.text).toBe('The best answer is B');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 9 });
    }
    expect(started.connections()).toBe(1);
  });
});
