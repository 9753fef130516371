import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../src/providers/anthropic/anthropic-model.ts';
import { createGeminiModel } from '../src/providers/gemini/gemini-model.ts';
import { createOpenAIModel } from '../src/providers/openai/openai-model.ts';
import { ProviderError } from '../src/spec/errors.ts';
import type { GenerateRequest, LanguageModel, StreamPart } from '../src/spec/language-model.ts';
import {
  echoLogprobs,
  startReplayServer,
  type ReplayScenario,
  type ReplayServer,
} from './support/replay-server.ts';

/**
 * One suite every HTTP provider must pass, over real loopback HTTP against a server replaying each API's
 * documented shapes (test/support/replay-server.ts). `local:` has no wire format of its own: it is tested
 * natively in src/providers/local and over HTTP through `parity serve` (test/serve.e2e.test.ts).
 */
const apiKey = 'sk-CONFORMANCE-secret-key-0123456789';
const now = () => performance.now();
let scenario: ReplayScenario = { type: 'text', chunks: ['ok'] };
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ respond: () => scenario });
});
afterAll(() => server.close());

interface ProviderCase {
  readonly name: string;
  readonly create: () => LanguageModel;
  /** Server-side stop-string limit (the rest applied client-side). */
  readonly stopLimit: number;
  readonly reportsReasoning: boolean;
  readonly prefills: boolean;
  readonly logLikelihood: boolean;
}

const providers: readonly ProviderCase[] = [
  {
    name: 'openai (chat completions)',
    create: () => createOpenAIModel({ baseUrl: `${server.origin}/v1`, apiKey, modelId: 'm', now }),
    stopLimit: 4,
    reportsReasoning: true,
    prefills: false,
    logLikelihood: true,
  },
  {
    name: 'openai (legacy /v1/completions)',
    create: () =>
      createOpenAIModel({ baseUrl: `${server.origin}/v1`, apiKey, modelId: 'm', now, api: 'completions' }),
    stopLimit: 4,
    reportsReasoning: true,
    prefills: true,
    logLikelihood: true,
  },
  {
    name: 'anthropic (Messages API)',
    create: () => createAnthropicModel({ baseUrl: server.origin, apiKey, modelId: 'claude-test', now }),
    stopLimit: Number.POSITIVE_INFINITY,
    reportsReasoning: true,
    prefills: true,
    logLikelihood: false,
  },
  {
    name: 'gemini (generateContent)',
    create: () => createGeminiModel({ baseUrl: server.origin, apiKey, modelId: 'gemini-test', now }),
    stopLimit: 5,
    reportsReasoning: true,
    prefills: false,
    logLikelihood: false,
  },
];

const request: GenerateRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
  parameters: { temperature: 0, maxTokens: 16 },
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).not.toContain(apiKey);
  expect((error as Error).message).not.toContain('\n');
  return error as ProviderError;
}

describe.each(providers)('$name conformance', (provider) => {
  const model = () => provider.create();

  it('returns text, chunk timings, usage, finish reason and the raw exchange (streaming)', async () => {
    scenario = {
      type: 'text',
      chunks: ['Hel', 'lo ', 'world'],
      usage: { input: 11, cachedInput: 4, output: 3, reasoning: 1 },
    };
    const result = await model().generate(request, {});
    expect(result).toMatchObject({
      text: 'Hello world',
      finishReason: 'stop',
      timing: { ttftMs: expect.any(Number), totalMs: expect.any(Number) },
      prefillApplied: false,
    });
    expect(result.usage).toEqual({
      inputTokens: 11,
      cachedInputTokens: 4,
      outputTokens: 3,
      reasoningTokens: provider.reportsReasoning ? 1 : undefined,
    });
    expect(result.chunks?.map((chunk) => chunk.characters)).toEqual([3, 3, 5]);
    expect(result.raw?.request).toEqual(expect.objectContaining({}));
    expect(JSON.stringify(result.raw)).not.toContain(apiKey);
    // The key travels in a header only.
    const headers = server.requests.at(-1)?.headers ?? {};
    expect(JSON.stringify(headers)).toContain(apiKey);
  });

  it('leaves usage the server did not report undefined, never 0, and maps "length"', async () => {
    scenario = { type: 'text', chunks: ['a'], finish: 'length', usage: {} };
    const result = await model().generate(request, {});
    expect(result.finishReason).toBe('length');
    expect(result.usage.reasoningTokens).toBeUndefined();
    expect(result.usage.cachedInputTokens).toBeUndefined();
  });

  it('streams text-delta parts with timestamps, then finish', async () => {
    scenario = { type: 'text', chunks: ['a', 'b'], usage: { input: 1, output: 2 } };
    const parts: StreamPart[] = [];
    for await (const part of model().stream?.(request, {}) ?? []) parts.push(part);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'text-delta', 'finish']);
    expect(parts.every((part) => part.atMs >= 0)).toBe(true);
  });

  it('applies every stop string, sending the server at most its limit', async () => {
    scenario = { type: 'text', chunks: ['answer 4', ' <|im_', 'end|> more'] };
    const stop = ['<|eot_id|>', 'Q:', '</s>', '\n\nQuestion', '<|im_end|>', '###'];
    const result = await model().generate({ ...request, parameters: { stop } }, {});
    expect(result.text).toBe('answer 4 ');
    const body = server.requests.at(-1)?.body ?? {};
    const sent = (body.stop ??
      body.stop_sequences ??
      (body.generationConfig as { stopSequences?: unknown } | undefined)?.stopSequences) as
      string[] | undefined;
    expect(sent?.length ?? 0).toBeLessThanOrEqual(provider.stopLimit);
  });

  it.skipIf(!provider.prefills)(
    `prefills the assistant prefix and returns only the continuation${provider.prefills ? '' : ' (skipped: this API cannot prefill a reply; results say prefillApplied: false)'}`,
    async () => {
      scenario = { type: 'text', chunks: [' B'] };
      const result = await model().generate({ ...request, assistantPrefix: 'The best answer is' }, {});
      expect(result).toMatchObject({ text: ' B', prefillApplied: true });
    },
  );

  it('429 with Retry-After is retryable and carries the wait', async () => {
    scenario = {
      type: 'error',
      status: 429,
      message: `Rate limited for key ${apiKey}`,
      retryAfterSeconds: 2,
    };
    const error = await failure(model().generate(request, {}));
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 2000 });
    expect(error.message).toContain('Rate limited');
  });

  it('400 is not retryable; 500 and 503 are', async () => {
    scenario = { type: 'error', status: 400, message: 'bad field' };
    expect(await failure(model().generate(request, {}))).toMatchObject({
      statusCode: 400,
      isRetryable: false,
    });
    for (const status of [500, 503]) {
      scenario = { type: 'error', status, message: 'try later' };
      expect(await failure(model().generate(request, {}))).toMatchObject({
        statusCode: status,
        isRetryable: true,
      });
    }
  });

  it.each(['cut', 'truncated', 'malformed', 'reset'] as const)(
    'a %s response is a retryable error, never a short answer',
    async (type) => {
      scenario = { type };
      expect(await failure(model().generate(request, {}))).toMatchObject({ isRetryable: true });
    },
  );

  it.skipIf(!provider.logLikelihood)(
    `log-likelihoods through /v1/completions with echo and logprobs (plain JSON responses)${provider.logLikelihood ? '' : ' (skipped: this API returns no prompt log-probabilities, and its provider always streams)'}`,
    async () => {
      scenario = { type: 'text', chunks: ['x'] };
      const result = await model().logLikelihood?.({ context: 'Answer:', continuations: [' A', ' B'] }, {});
      const expected = [' A', ' B'].map((continuation) => {
        const logprobs = echoLogprobs(`Answer:${continuation}x`);
        return (logprobs.token_logprobs.slice(7, 9) as number[]).reduce((total, value) => total + value, 0);
      });
      expect(result?.logLikelihoods).toEqual(expected.map((value) => expect.closeTo(value, 10)));
      expect(server.requests.at(-1)?.body).toMatchObject({ echo: true, logprobs: 1, max_tokens: 1 });
      scenario = { type: 'malformed' };
      expect(
        await failure(
          model().logLikelihood?.({ context: 'a', continuations: [' b'] }, {}) ?? Promise.resolve(),
        ),
      ).toMatchObject({
        isRetryable: true,
      });
    },
  );
});

describe('provider-specific request shapes', () => {
  it('anthropic keeps the system prompt separate and prefills as a trailing assistant turn', async () => {
    scenario = { type: 'text', chunks: [' B'] };
    const model = createAnthropicModel({ baseUrl: server.origin, apiKey, modelId: 'claude-test', now });
    await model.generate({ ...request, assistantPrefix: 'The best answer is ' }, {});
    expect(server.requests.at(-1)?.body).toMatchObject({
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Say hello.' },
        { role: 'assistant', content: 'The best answer is' },
      ],
      max_tokens: 16,
      stream: true,
    });
    // The API version the SDK sends has no sampling parameters (test/providers-flavours-anthropic-gemini.test.ts).
    expect(server.requests.at(-1)?.body).not.toHaveProperty('temperature');
  });

  it('gemini sends systemInstruction and generationConfig and a model role for assistant turns', async () => {
    scenario = { type: 'text', chunks: ['hi'] };
    const model = createGeminiModel({ baseUrl: server.origin, apiKey, modelId: 'gemini-test', now });
    await model.generate(
      {
        ...request,
        messages: [...request.messages, { role: 'assistant', content: 'x' }, { role: 'user', content: 'y' }],
      },
      {},
    );
    const last = server.requests.at(-1);
    expect(last?.path).toBe('/v1beta/models/gemini-test:streamGenerateContent');
    expect(last?.body).toMatchObject({
      contents: [
        { role: 'user', parts: [{ text: 'Say hello.' }] },
        { role: 'model', parts: [{ text: 'x' }] },
        { role: 'user', parts: [{ text: 'y' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0, maxOutputTokens: 16 },
    });
  });
});
