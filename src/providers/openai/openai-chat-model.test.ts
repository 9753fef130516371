import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../../spec/errors.ts';
import type { GenerateRequest } from '../../spec/language-model.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type StartServerOptions,
} from '../../../test/support/openai-compatible-server.ts';
import { rawHttpServer } from '../../../test/support/raw-http-server.ts';
import { createOpenAIChatModel } from './openai-chat-model.ts';
import { createOpenAICompletionsModel } from './openai-completions-model.ts';

const apiKey = 'sk-test-SECRET-key-1234567890';
const request: GenerateRequest = {
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is 2 + 2?' },
  ],
  parameters: {},
};

let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function modelFor(respond: StartServerOptions['respond']) {
  server = await startOpenAICompatibleServer({ respond });
  const model = createOpenAIChatModel({
    baseUrl: server.url,
    apiKey,
    modelId: 'test-model',
    now: () => performance.now(),
  });
  return { model, server };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('createOpenAIChatModel', () => {
  it('streams text, maps usage and finish reason, and reports its identity', async () => {
    const { model, server } = await modelFor(() => ({
      chunks: ['The ', 'answer ', 'is 4.'],
      usage: {
        prompt_tokens: 20,
        completion_tokens: 5,
        total_tokens: 25,
        prompt_tokens_details: { cached_tokens: 8 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    }));
    const result = await model.generate(request, {});
    expect(result).toEqual({
      text: 'The answer is 4.',
      finishReason: 'stop',
      usage: { inputTokens: 20, cachedInputTokens: 8, outputTokens: 5, reasoningTokens: 2 },
      timing: { ttftMs: expect.any(Number), totalMs: expect.any(Number) },
      prefillApplied: false,
      responseId: 'chatcmpl-parity',
      chunks: [
        { atMs: expect.any(Number), characters: 4 },
        { atMs: expect.any(Number), characters: 7 },
        { atMs: expect.any(Number), characters: 5 },
      ],
      raw: { request: server.requests[0], response: { events: expect.any(Array) } },
    });
    expect(model.identity).toEqual({ provider: 'openai', endpoint: server.url, modelId: 'test-model' });
    expect(server.requests[0]).toEqual({
      model: 'test-model',
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves unknown usage fields undefined instead of 0', async () => {
    const { model } = await modelFor(({ index }) => ({
      text: 'ok',
      usage: index === 0 ? null : { prompt_tokens: 3 },
    }));
    expect((await model.generate(request, {})).usage).toEqual({});
    const partial = (await model.generate(request, {})).usage;
    expect(partial).toEqual({ inputTokens: 3 });
    expect('outputTokens' in partial ? partial.outputTokens : undefined).toBeUndefined();
  });

  it('measures time to the first non-empty chunk with the injected clock', async () => {
    const { model } = await modelFor(() => ({ chunks: ['a', 'b'], ttftMs: 60, perChunkMs: 40 }));
    const result = await model.generate(request, {});
    expect(result.timing.ttftMs).toBeGreaterThanOrEqual(50);
    expect(result.timing.totalMs).toBeGreaterThanOrEqual((result.timing.ttftMs ?? 0) + 30);
    expect(result.text).toBe('ab');
  });

  it('has no ttft when nothing streamed', async () => {
    const { model } = await modelFor(() => ({ chunks: [] }));
    const result = await model.generate(request, {});
    expect(result.text).toBe('');
    expect(result.timing.ttftMs).toBeUndefined();
  });

  it('maps finish reasons', async () => {
    const reasons = ['stop', 'length', 'content_filter', 'tool_calls', 'something_new'];
    const { model } = await modelFor(({ index }) => ({ text: 'x', finishReason: reasons[index] ?? null }));
    const mapped = [];
    for (const _reason of reasons) mapped.push((await model.generate(request, {})).finishReason);
    expect(mapped).toEqual(['stop', 'length', 'content-filter', 'tool-calls', 'other']);
  });

  it('treats a stream that ends without a finish reason as cut off (retryable), never as a short answer', async () => {
    const { model } = await modelFor(() => ({ text: 'partial answer', finishReason: null }));
    const error = await rejection(model.generate(request, {}));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toContain('cut off part-way');
  });

  it('sends at most 4 stop strings and applies the rest client-side, even split across chunks', async () => {
    const stop = ['<|eot_id|>', '<|start_header_id|>user<|end_header_id|>', 'Q:', '</s>', '<|im_end|>'];
    const { model, server } = await modelFor(() => ({
      chunks: ['The final answer is 4.', '<|im', '_end|>', 'more text'],
    }));
    const result = await model.generate({ ...request, parameters: { stop } }, {});
    expect(server.requests[0]?.stop).toEqual(stop.slice(0, 4));
    expect(result.text).toBe('The final answer is 4.');
    expect(result.finishReason).toBe('stop');
  });

  it('streams parts with timestamps and ends with finish', async () => {
    const { model } = await modelFor(() => ({ chunks: ['a', 'b'], perChunkMs: 20 }));
    const parts = [];
    for await (const part of model.stream?.(request, {}) ?? []) parts.push(part);
    expect(parts).toEqual([
      { type: 'text-delta', text: 'a', atMs: expect.any(Number) },
      { type: 'text-delta', text: 'b', atMs: expect.any(Number) },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: expect.any(Number), outputTokens: 2 },
        atMs: expect.any(Number),
        prefillApplied: false,
        responseId: 'chatcmpl-parity',
      },
    ]);
  });

  it('sends generation parameters only when set', async () => {
    const { model, server } = await modelFor(() => ({ text: 'ok' }));
    await model.generate(
      { ...request, parameters: { temperature: 0, topP: 0.9, maxTokens: 64, stop: ['\n\n', 'Q:'], seed: 7 } },
      {},
    );
    expect(server.requests[0]).toMatchObject({
      temperature: 0,
      top_p: 0.9,
      max_tokens: 64,
      stop: ['\n\n', 'Q:'],
      seed: 7,
    });
  });

  it('turns 429 with Retry-After into a retryable error with retryAfterMs', async () => {
    const { model, server } = await modelFor(({ index }) => ({
      status: 429,
      headers: index === 0 ? { 'retry-after': '2' } : ({ 'retry-after-ms': '150' } as Record<string, string>),
      errorBody: { error: { message: 'Rate limit reached', type: 'rate_limit_error' } },
    }));
    const first = await rejection(model.generate(request, {}));
    expect(first).toBeInstanceOf(ProviderError);
    expect(first).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 2000 });
    expect((first as Error).message).toBe(`openai: HTTP 429 from ${server.url}: Rate limit reached`);
    expect(await rejection(model.generate(request, {}))).toMatchObject({ retryAfterMs: 150 });
  });

  it('reads Retry-After given as an HTTP date against the response date', async () => {
    const { model } = await modelFor(() => ({
      status: 503,
      headers: { date: 'Wed, 01 Jan 2025 00:00:00 GMT', 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' },
    }));
    expect(await rejection(model.generate(request, {}))).toMatchObject({
      isRetryable: true,
      retryAfterMs: 3000,
    });
  });

  it('treats 400 as not retryable and 500 as retryable', async () => {
    const { model } = await modelFor(({ index }) => ({ status: index === 0 ? 400 : 500 }));
    expect(await rejection(model.generate(request, {}))).toMatchObject({
      statusCode: 400,
      isRetryable: false,
    });
    expect(await rejection(model.generate(request, {}))).toMatchObject({
      statusCode: 500,
      isRetryable: true,
    });
  });

  it('never puts the API key in error messages, even when the server echoes it', async () => {
    const { model } = await modelFor(() => ({
      status: 401,
      errorBody: { error: { message: `Incorrect API key provided:\n${apiKey}` } },
    }));
    const error = (await rejection(model.generate(request, {}))) as ProviderError;
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    expect(error.message).not.toContain(apiKey);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('Incorrect API key provided: ***');
  });

  it('fails retryably when the connection is refused', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const model = createOpenAIChatModel({ baseUrl, apiKey, modelId: 'm', now: () => performance.now() });
    const error = (await rejection(model.generate(request, {}))) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain(baseUrl);
    expect(error.message).not.toContain(apiKey);
  });

  it('fails retryably when the connection drops before or during the stream', async () => {
    const { model } = await modelFor(({ index }) => ({
      text: 'one two three',
      dropConnection: index === 0 ? 'before-headers' : 'mid-stream',
    }));
    expect(await rejection(model.generate(request, {}))).toMatchObject({ isRetryable: true });
    expect(await rejection(model.generate(request, {}))).toMatchObject({ isRetryable: true });
  });

  it('times out retryably, before the headers and while streaming', async () => {
    const { model } = await modelFor(({ index }) =>
      index === 0 ? { text: 'late', headersDelayMs: 30_000 } : { text: 'late', ttftMs: 30_000 },
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const started = performance.now();
      const error = await rejection(model.generate(request, { timeoutMs: 100 }));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ isRetryable: true });
      expect((error as Error).message).toContain('timed out after 100 ms');
      // Far below the server's 30 s delay however loaded the machine is: the timeout, not the answer, ended it.
      expect(performance.now() - started).toBeLessThan(15_000);
    }
  });

  it('times out over the SDK too (a fetch of the caller’s own), chat and completions models alike', async () => {
    // Never answers.
    const silent = await rawHttpServer(() => undefined);
    try {
      const options = {
        baseUrl: silent.url,
        apiKey,
        modelId: 'test-model',
        now: () => 0,
        fetch: globalThis.fetch,
      };
      for (const model of [createOpenAIChatModel(options), createOpenAICompletionsModel(options)]) {
        const started = performance.now();
        const error = await rejection(model.generate(request, { timeoutMs: 100 }));
        expect(error).toMatchObject({ isRetryable: true });
        expect((error as Error).message).toContain('timed out after 100 ms');
        // The SDK got the deadline's signal: the call ended well before the test's own timeout.
        expect(performance.now() - started).toBeLessThan(3_000);
      }
    } finally {
      await silent.close();
    }
  });

  it('rejects with a CancelledError, or the given reason, when the caller aborts', async () => {
    const { model } = await modelFor(() => ({ text: 'slow', ttftMs: 2000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(model.generate(request, { signal: controller.signal }))).toBeInstanceOf(
      CancelledError,
    );
    const reason = new CancelledError('user pressed Ctrl-C');
    expect(await rejection(model.generate(request, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });

  it('names the field when a chunk has no choices, and rejects malformed chunks', async () => {
    const { model } = await modelFor(({ index }) =>
      index === 0 ? { text: 'x', omitChoices: true } : { text: 'x', rawEvents: ['{not json'] },
    );
    const missing = (await rejection(model.generate(request, {}))) as ProviderError;
    expect(missing).toMatchObject({ isRetryable: false });
    expect(missing.message).toContain('"choices"');
    const broken = (await rejection(model.generate(request, {}))) as ProviderError;
    expect(broken).toBeInstanceOf(ProviderError);
    expect(broken.message).toContain('malformed');
  });

  it('sends JSON.stringify of the recorded body byte for byte, shared non-ASCII turns and fallbacks included', async () => {
    // Requests as the raw server got them: head and body, the body decoded from its bytes.
    const received: { contentLength: number; body: Buffer }[] = [];
    const raw = await rawHttpServer((socket, text) => {
      const headEnd = text.indexOf('\r\n\r\n');
      const body = Buffer.from(text.slice(headEnd + 4), 'latin1');
      received.push({ contentLength: Number(/content-length: (\d+)/.exec(text)?.[1]), body });
      if (body.includes('stream_options')) {
        const error = '{"error":{"message":"Unrecognized request argument: \'stream_options\'"}}';
        socket.write(
          `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${error.length}\r\n\r\n${error}`,
        );
        return;
      }
      const events = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'B' }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: ${events.length}\r\n\r\n${events}`,
      );
    });
    try {
      const model = createOpenAIChatModel({ baseUrl: raw.url, apiKey, modelId: 'tëst-model', now: () => 0 });
      const shots = [
        { role: 'system', content: 'Réponds par une lettre — "A" à "D".' },
        { role: 'user', content: '日本語の質問 😀\tA. un\nB. deux\nAnswer:' },
        { role: 'assistant', content: ' B' },
      ] as const;
      for (let item = 0; item < 4; item += 1) {
        const result = await model.generate(
          {
            messages: [...shots, { role: 'user', content: `Question ${item} — ½ \ud800?\nAnswer:` }],
            parameters: { maxTokens: 3, temperature: 0, stop: ['\n'] },
          },
          {},
        );
        const last = received.at(-1) as { contentLength: number; body: Buffer };
        expect(last.body.equals(Buffer.from(JSON.stringify(result.raw?.request)))).toBe(true);
        expect(last.contentLength).toBe(last.body.length);
      }
      // The first request went out with stream_options, was refused and sent again without them.
      expect(received.map(({ body }) => body.includes('stream_options'))).toEqual([
        true,
        false,
        false,
        false,
        false,
      ]);
    } finally {
      await raw.close();
    }
  });

  it('retries once without stream_options when the server rejects them, and remembers it', async () => {
    const { model, server } = await modelFor(({ body }) =>
      body.stream_options
        ? {
            status: 400,
            errorBody: { error: { message: "Unrecognized request argument: 'stream_options'" } },
          }
        : { text: 'fine', usage: null },
    );
    expect((await model.generate(request, {})).text).toBe('fine');
    expect((await model.generate(request, {})).text).toBe('fine');
    expect(server.requests.map((body) => 'stream_options' in body)).toEqual([true, false, false]);
  });

  it('falls back for every request that was sent with stream_options, also concurrent ones', async () => {
    const { model, server } = await modelFor(({ body }) =>
      body.stream_options
        ? {
            status: 400,
            errorBody: { error: { message: "Unrecognized request argument: 'stream_options'" } },
          }
        : { text: 'fine', usage: null },
    );
    const texts = await Promise.all([model.generate(request, {}), model.generate(request, {})]);
    expect(texts.map((result) => result.text)).toEqual(['fine', 'fine']);
    expect(server.requests.filter((body) => 'stream_options' in body)).toHaveLength(2);
  });
});
