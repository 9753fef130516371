import { afterEach, describe, expect, it } from 'vitest';
import { startDelayServer, type DelayServer } from '../../test/support/delay-server.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.ts';
import { systemLoadClock } from './load-clock.ts';
import { runSweep } from './run-sweep.ts';
import { createStreamingClient, type StreamingClient } from './streaming-client.ts';

const clock = systemLoadClock();
let server: DelayServer | OpenAICompatibleServer | undefined;
let client: StreamingClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

function clientFor(url: string, endpoint: 'chat' | 'completions'): StreamingClient {
  client = createStreamingClient({
    baseUrl: url,
    modelId: 'm',
    apiKey: 'secret',
    endpoint,
    maxSockets: 4,
    now: clock.now,
    timeoutMs: 5000,
  });
  return client;
}

describe('createStreamingClient', () => {
  it('asks for usage and fixed output lengths (vLLM extras) on the chat endpoint', async () => {
    const chatServer = await startOpenAICompatibleServer({ respond: () => ({ text: 'a b c' }) });
    server = chatServer;
    const outcome = await clientFor(chatServer.url, 'chat').send({
      prompt: 'hello',
      maxTokens: 3,
      ignoreEos: true,
    });
    expect(chatServer.requests[0]).toEqual({
      model: 'm',
      max_tokens: 3,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      ignore_eos: true,
      min_tokens: 3,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(outcome).toMatchObject({ completionTokens: 3, promptTokens: 2 });
    expect(outcome.textChunkTimesMs).toHaveLength(3);
    expect(outcome.error).toBeUndefined();
  });

  it('times every text chunk on /completions and reads the server-reported usage', async () => {
    const delayServer = await startDelayServer({ ttftMs: 60, perTokenMs: 15 });
    server = delayServer;
    const outcome = await clientFor(delayServer.url, 'completions').send({
      prompt: 'one two three',
      maxTokens: 5,
      ignoreEos: false,
    });
    const truth = delayServer.truths()[0];
    expect(outcome).toMatchObject({ promptTokens: 3, completionTokens: 5 });
    expect(outcome.textChunkTimesMs).toHaveLength(5);
    const first = outcome.textChunkTimesMs[0] as number;
    // Same clock as the in-process server: the client cannot see a token before the server wrote it (a busy
    // machine only delays the client's reads, so no upper bound is asserted here).
    expect(first - outcome.startMs).toBeGreaterThanOrEqual(
      (truth?.tokenWrittenMs[0] ?? Number.POSITIVE_INFINITY) - (truth?.receivedMs ?? 0),
    );
    expect(first - outcome.startMs).toBeGreaterThanOrEqual(59);
    expect([...outcome.textChunkTimesMs].sort((left, right) => left - right)).toEqual(
      outcome.textChunkTimesMs,
    );
  });

  it('returns HTTP errors with their status and message instead of throwing', async () => {
    const chatServer = await startOpenAICompatibleServer({
      respond: () => ({ status: 503, errorBody: { error: { message: 'overloaded' } } }),
    });
    server = chatServer;
    const outcome = await clientFor(chatServer.url, 'chat').send({
      prompt: 'x',
      maxTokens: 2,
      ignoreEos: false,
    });
    expect(outcome.error).toEqual({ message: 'HTTP 503: overloaded', statusCode: 503 });
  });

  it('fails a connection that is refused', async () => {
    const outcome = await clientFor('http://127.0.0.1:9/v1', 'chat').send({
      prompt: 'x',
      maxTokens: 2,
      ignoreEos: false,
    });
    expect(outcome.error?.message).toMatch(/ECONNREFUSED/);
  });
});

describe('runSweep', () => {
  it('drops ignore_eos/min_tokens when the warm-up shows the server refuses them', async () => {
    const delayServer = await startDelayServer({ ttftMs: 0, perTokenMs: 0, refuseExtraParameters: true });
    server = delayServer;
    const notes: string[] = [];
    const result = await runSweep({
      client: clientFor(delayServer.url, 'chat'),
      loads: [{ type: 'concurrency', concurrency: 2 }],
      buildRequest: () => ({ prompt: 'a b', maxTokens: 4 }),
      ignoreEos: true,
      requestsPerStep: () => 6,
      warmupRequests: 1,
      earlyStop: true,
      seed: 1,
      clock,
      onEvent: (event) => void (event.type === 'warmup-note' && notes.push(event.message)),
    });
    expect(result.ignoreEos).toBe(false);
    expect(notes).toEqual([expect.stringMatching(/refused ignore_eos.*HTTP 400/)]);
    expect(result.steps[0]?.metrics).toMatchObject({ completed: 6, failed: 0, totalOutputTokens: 24 });
  });

  it('stops early when a step saturates, and fails loudly when the warm-up fails', async () => {
    const delayServer = await startDelayServer({ ttftMs: 0, perTokenMs: 0, errorFraction: 0.5, seed: 3 });
    server = delayServer;
    const options = {
      client: clientFor(delayServer.url, 'chat'),
      loads: [
        { type: 'concurrency', concurrency: 1 },
        { type: 'concurrency', concurrency: 2 },
      ] as const,
      buildRequest: () => ({ prompt: 'a', maxTokens: 2 }),
      ignoreEos: false,
      requestsPerStep: () => 20,
      earlyStop: true,
      seed: 1,
      clock,
    };
    const result = await runSweep({ ...options, warmupRequests: 0 });
    expect(result.stoppedEarly).toEqual({ afterStep: 0, reason: expect.stringMatching(/^error rate/) });
    expect(result.steps).toHaveLength(1);
    await expect(runSweep({ ...options, warmupRequests: 5 })).rejects.toThrow(
      /warm-up request failed: HTTP 500/,
    );
  });
});
