import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError, ProviderError } from '../../spec/errors.ts';
import type { GenerateRequest, LanguageModel } from '../../spec/language-model.ts';
import { createLocalModel } from './local-model.ts';
import { probeLlama } from './probe-llama.test-helper.ts';
import { writeTinyGguf } from './tiny-gguf.ts';

const directory = mkdtempSync(join(tmpdir(), 'parity-local-model-'));
const modelPath = join(directory, 'tiny.gguf');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const now = () => performance.now();
const request = (content: string, parameters: GenerateRequest['parameters'] = {}): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'you answer.' },
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
    { role: 'user', content },
  ],
  parameters: { temperature: 0, maxTokens: 12, ...parameters },
});

describe('createLocalModel input checks', () => {
  it('names the path when the model file is missing', () => {
    const missing = join(directory, 'missing.gguf');
    expect(() => createLocalModel({ modelPath: missing, now })).toThrow(InputError);
    expect(() => createLocalModel({ modelPath: missing, now })).toThrow(missing);
  });

  it('names the path when the file is not GGUF', async () => {
    const bogus = join(directory, 'bogus.gguf');
    writeFileSync(bogus, 'not a model at all');
    const model = createLocalModel({ modelPath: bogus, now });
    const error = await model.generate(request('x'), {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(bogus);
    await model.close?.();
  });
});

const llamaProblem = await probeLlama();

// node-llama-cpp ships a prebuilt native binary; when it cannot load on this machine there is nothing to test.
describe.skipIf(llamaProblem !== undefined)(
  `createLocalModel (${llamaProblem ?? 'native binary loads'})`,
  () => {
    let model: LanguageModel;
    beforeAll(async () => {
      await writeTinyGguf(modelPath, { contextLength: 1024 });
      model = createLocalModel({ modelPath, threads: 1, contextSize: 512, now });
    });
    afterAll(() => model.close?.());

    it('generates deterministically with greedy decoding and reports usage and timing', async () => {
      const first = await model.generate(request('what is the answer?'), {});
      const second = await model.generate(request('what is the answer?'), {});
      expect(model.identity).toEqual({ provider: 'local', endpoint: modelPath, modelId: 'tiny.gguf' });
      expect(first.text).toMatch(/^[a-z .,!?'-]+$/);
      expect(second.text).toBe(first.text);
      expect(first.finishReason).toBe('length');
      expect(first.prefillApplied).toBe(false);
      expect(first.usage.outputTokens).toBe(12);
      expect(first.usage.inputTokens).toBeGreaterThan(10);
      // The second call reuses the evaluated prompt.
      expect(second.usage.inputTokens).toBe(first.usage.inputTokens);
      expect(second.usage.cachedInputTokens).toBeGreaterThan(0);
      expect(first.timing.ttftMs).toBeGreaterThanOrEqual(0);
      expect(first.timing.totalMs).toBeGreaterThanOrEqual(first.timing.ttftMs ?? 0);
    });

    it('stops before a stop string and leaves it out of the text', async () => {
      const free = await model.generate(request('tell me more'), {});
      const stop = free.text.slice(4, 6);
      const stopped = await model.generate(request('tell me more', { stop: [stop] }), {});
      expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
      expect(stopped.finishReason).toBe('stop');
    });

    it('prefills the assistant prefix and returns only the continuation', async () => {
      const prefix = 'the best answer is';
      const result = await model.generate({ ...request('pick one'), assistantPrefix: prefix }, {});
      expect(result.prefillApplied).toBe(true);
      expect(result.text.startsWith(prefix)).toBe(false);
      expect(result.text.length).toBeGreaterThan(0);
    });

    it('serves concurrent calls one at a time without mixing them up', async () => {
      const prompts = ['one', 'two is here', 'three', 'four of them'];
      const sequential = [];
      for (const prompt of prompts) sequential.push((await model.generate(request(prompt), {})).text);
      const concurrent = await Promise.all(prompts.map((prompt) => model.generate(request(prompt), {})));
      expect(concurrent.map((result) => result.text)).toEqual(sequential);
    });

    it('rejects when the caller aborts and on timeout, then keeps working', async () => {
      const long = request('go on', { maxTokens: 400 });
      const reason = new CancelledError('stop now');
      const aborted = await model
        .generate(long, { signal: AbortSignal.abort(reason) })
        .catch((error: unknown) => error);
      expect(aborted).toBe(reason);
      const timedOut = await model.generate(long, { timeoutMs: 1 }).catch((error: unknown) => error);
      expect(timedOut).toBeInstanceOf(ProviderError);
      expect(timedOut).toMatchObject({ isRetryable: true });
      expect((await model.generate(request('still there?'), {})).text.length).toBeGreaterThan(0);
    });

    it('rejects a conversation that does not end with a user message', async () => {
      const error = await model
        .generate({ messages: [{ role: 'assistant', content: 'x' }], parameters: {} }, {})
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
    });
  },
);
