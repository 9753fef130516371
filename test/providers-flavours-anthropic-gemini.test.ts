import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnthropicModel } from '../src/providers/anthropic/anthropic-model.ts';
import { createGeminiModel } from '../src/providers/gemini/gemini-model.ts';
import { ProviderError } from '../src/spec/errors.ts';
import type { GenerateRequest } from '../src/spec/language-model.ts';
import {
  anthropicApiVersion,
  startAnthropicMessagesServer,
  type AnthropicServer,
} from './support/anthropic-messages-server.ts';
import { startGeminiApiServer, type GeminiReply, type GeminiServer } from './support/gemini-api-server.ts';

/**
 * Conformance against server flavours that follow each API as its SDK types and docs define it today
 * (test/support/anthropic-messages-server.ts at the SDK's `anthropic-version`, test/support/gemini-api-server.ts),
 * one test per defect of issue 23's Anthropic (1–5) and Gemini (6–9) points, plus thinking for both.
 */
const apiKey = 'sk-FLAVOUR-secret-key-0123456789';
const now = () => performance.now();

const request: GenerateRequest = {
  messages: [
    { role: 'system', content: 'You answer multiple-choice questions.' },
    { role: 'user', content: 'Which letter? A, B, C or D.' },
  ],
  parameters: { temperature: 0, topP: 1, maxTokens: 16, stop: ['.'] },
};

describe('anthropic at the SDK API version', () => {
  let answer = 'The best answer is B. Because.';
  let strict: AnthropicServer;
  let prefilling: AnthropicServer;
  beforeAll(async () => {
    strict = await startAnthropicMessagesServer({ respond: () => ({ text: answer }) });
    prefilling = await startAnthropicMessagesServer({ respond: () => ({ text: answer }), prefill: true });
  });
  afterAll(async () => {
    await strict.close();
    await prefilling.close();
  });
  afterEach(() => {
    answer = 'The best answer is B. Because.';
  });
  const model = (server: AnthropicServer, modelId = 'claude-opus-4-8') =>
    createAnthropicModel({ baseUrl: server.origin, apiKey, modelId, now });

  it('1: sends no sampling parameters the version lacks, and says the provider fixes them', async () => {
    const claude = model(strict);
    const result = await claude.generate(request, {});
    expect(result).toMatchObject({ text: 'The best answer is B', finishReason: 'stop' });
    const sent = strict.requests.at(-1);
    expect(sent?.headers['anthropic-version']).toBe(anthropicApiVersion);
    expect(sent?.body).not.toHaveProperty('temperature');
    expect(sent?.body).not.toHaveProperty('top_p');
    expect(sent?.body).not.toHaveProperty('top_k');
    expect(claude.fixedParameters).toEqual(['temperature', 'topP', 'seed']);
    expect(result.raw?.request).toEqual(sent?.body);
  });

  it('2: a model that refuses prefill gets the no-prefill form at once, and every later request too', async () => {
    const claude = model(strict);
    const prefixed = { ...request, assistantPrefix: 'The best answer is' };
    const refusalsBefore = strict.refusals.length;
    const first = await claude.generate(prefixed, {});
    expect(first).toMatchObject({ text: 'The best answer is B', prefillApplied: false });
    expect(strict.refusals.slice(refusalsBefore)).toEqual([
      'Prefilling assistant messages is not supported for this model.',
    ]);
    const second = await claude.generate(prefixed, {});
    expect(second.prefillApplied).toBe(false);
    expect(strict.refusals.length).toBe(refusalsBefore + 1);
    expect(strict.requests.at(-1)?.body.messages.at(-1)?.role).toBe('user');
    // A model that prefills keeps doing so.
    answer = ' B. Because.';
    const prefilled = await model(prefilling).generate(prefixed, {});
    expect(prefilled).toMatchObject({ text: ' B', prefillApplied: true });
    expect(prefilling.requests.at(-1)?.body.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'The best answer is',
    });
  });

  it('3: whitespace-only stop sequences are applied on our side only', async () => {
    answer = 'Step one\n\nQ: next question';
    const result = await model(strict).generate(
      { ...request, parameters: { temperature: 0, maxTokens: 64, stop: ['\n\n', 'Q:', ' \t'] } },
      {},
    );
    expect(result.text).toBe('Step one');
    expect(strict.requests.at(-1)?.body.stop_sequences).toEqual(['Q:']);
  });

  it('4: prompt-cache usage: the whole prompt, cache reads and cache writes apart, as the server reported', async () => {
    const cached = await startAnthropicMessagesServer({ respond: () => ({ text: 'B' }) });
    try {
      const claude = model(cached);
      const first = await claude.generate(request, {});
      const second = await claude.generate(request, {});
      const [written, read] = cached.reported;
      if (!written || !read) throw new Error('the server reported no usage');
      expect(written.cache_creation_input_tokens).toBeGreaterThan(0);
      expect(read.cache_read_input_tokens).toBeGreaterThan(0);
      for (const [result, reported] of [
        [first, written],
        [second, read],
      ] as const) {
        expect(result.usage).toEqual({
          inputTokens:
            reported.input_tokens + reported.cache_read_input_tokens + reported.cache_creation_input_tokens,
          cachedInputTokens: reported.cache_read_input_tokens,
          cacheWriteInputTokens: reported.cache_creation_input_tokens,
          outputTokens: reported.output_tokens,
          reasoningTokens: 0,
        });
      }
    } finally {
      await cached.close();
    }
  });

  it('5: extended thinking with a budget; thinking tokens read from output_tokens_details', async () => {
    const result = await model(strict).generate(
      { ...request, parameters: { ...request.parameters, reasoningAllowanceTokens: 2048 } },
      {},
    );
    const sent = strict.requests.at(-1)?.body;
    expect(sent).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 16 + 2048 });
    const reported = strict.reported.at(-1);
    expect(result.text).toBe('The best answer is B');
    expect(result.usage.reasoningTokens).toBe(reported?.thinking_tokens);
    expect(result.usage.reasoningTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBe(reported?.output_tokens);
  });

  it('reasoning effort goes to output_config.effort, as the version defines it', async () => {
    const result = await model(strict).generate(
      { ...request, parameters: { ...request.parameters, reasoningEffort: 'high' } },
      {},
    );
    expect(result.text).toBe('The best answer is B');
    expect(strict.requests.at(-1)?.body.output_config).toEqual({ effort: 'high' });
  });

  it('5: the SDK prints no deprecation warning per request', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // A model the SDK lists as deprecated, and one it warns about for thinking.type 'enabled'.
      await model(strict, 'claude-sonnet-4-5').generate(request, {});
      await model(strict, 'claude-opus-4-6').generate(
        { ...request, parameters: { ...request.parameters, reasoningAllowanceTokens: 1024 } },
        {},
      );
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('gemini', () => {
  let reply: GeminiReply = { type: 'text', text: 'B. Because.' };
  let server: GeminiServer;
  beforeAll(async () => {
    server = await startGeminiApiServer({ respond: () => reply });
  });
  afterAll(() => server.close());
  const model = () => createGeminiModel({ baseUrl: server.origin, apiKey, modelId: 'gemini-flavour', now });

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }

  it('6: thinking tokens are billed as output (thoughtsTokenCount is not in candidatesTokenCount)', async () => {
    reply = { type: 'text', text: 'B. Because.', thinking: 'The answer must be B because of the premise.' };
    const result = await model().generate(
      { ...request, parameters: { ...request.parameters, reasoningAllowanceTokens: 512 } },
      {},
    );
    const reported = server.reported.at(-1);
    if (!reported) throw new Error('the server reported no usage');
    expect(reported.thoughtsTokenCount).toBeGreaterThan(0);
    expect(server.requests.at(-1)?.body.generationConfig).toMatchObject({
      thinkingConfig: { thinkingBudget: 512 },
      maxOutputTokens: 16 + 512,
    });
    expect(result.text).toBe('B');
    expect(result.usage).toEqual({
      inputTokens: reported.promptTokenCount,
      cachedInputTokens: undefined,
      outputTokens: reported.candidatesTokenCount + reported.thoughtsTokenCount,
      reasoningTokens: reported.thoughtsTokenCount,
    });
  });

  it('reasoning effort goes to thinkingConfig.thinkingLevel', async () => {
    reply = { type: 'text', text: 'B.' };
    await model().generate({ ...request, parameters: { ...request.parameters, reasoningEffort: 'low' } }, {});
    expect(server.requests.at(-1)?.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: 'LOW' });
  });

  it('7: a blocked prompt is an answer blocked by the content filter at once, with its reason kept', async () => {
    reply = { type: 'blocked', reason: 'PROHIBITED_CONTENT' };
    const before = server.requests.length;
    const result = await model().generate(request, {});
    expect(result).toMatchObject({ text: '', finishReason: 'content-filter' });
    expect(server.requests.length).toBe(before + 1);
    expect(JSON.stringify(result.raw?.response)).toContain('"blockReason":"PROHIBITED_CONTENT"');
  });

  it('8: errors inside a stream are parsed like HTTP errors, with their retry delay', async () => {
    reply = { type: 'stream-error', status: 'UNAVAILABLE' };
    const unavailable = await failure(model().generate(request, {}));
    expect(unavailable).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(unavailable.message).toContain('The model is overloaded');
    expect(unavailable.message).not.toContain('{');
    reply = { type: 'stream-error', status: 'RESOURCE_EXHAUSTED', retryDelay: '37s' };
    const exhausted = await failure(model().generate(request, {}));
    expect(exhausted).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 37_000 });
    expect(exhausted.message).not.toContain('{');
  });

  it('9: the stored request is the body sent on the wire', async () => {
    reply = { type: 'text', text: 'B.' };
    const result = await model().generate(request, {});
    expect(result.raw?.request).toEqual(server.requests.at(-1)?.body);
    expect(result.raw?.request).toMatchObject({
      systemInstruction: { parts: [{ text: 'You answer multiple-choice questions.' }] },
      generationConfig: { temperature: 0, topP: 1, maxOutputTokens: 16, stopSequences: ['.'] },
    });
    expect(JSON.stringify(result.raw)).not.toContain(apiKey);
  });
});
