import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../src/providers/openai/openai-model.ts';
import type { GenerateRequest, GenerateResult } from '../src/spec/language-model.ts';
import { startFlavourServer, type FlavourServer } from './support/flavours/flavour-server.ts';
import type { FlavourRules } from './support/flavours/flavour-rules.ts';
import {
  deepSeekFlavour,
  flavours,
  llamaCppFlavour,
  ollamaFlavour,
  openAIFlavour,
  tgiFlavour,
  vllmFlavour,
} from './support/flavours/flavours.ts';

/**
 * parity's OpenAI-compatible provider against each server flavour (test/support/flavours, written from each
 * server's source or documentation): every model answers, usage is what the server reported, and each
 * server's quirk is met.
 */
const now = () => performance.now();
let server: FlavourServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(rules: FlavourRules) {
  await server?.close();
  server = await startFlavourServer(rules);
  return server;
}

function modelOn(target: FlavourServer, modelId: string, api?: 'completions' | 'responses') {
  return createOpenAIModel({
    baseUrl: target.url,
    modelId,
    provider: target.rules.name,
    now,
    ...(api ? { api } : {}),
  });
}

const gsm8kLike: GenerateRequest = {
  messages: [
    { role: 'system', content: 'Solve the problem.' },
    { role: 'user', content: 'Ann has 3 apples and gets 4 more. How many apples does she have?' },
  ],
  parameters: { temperature: 0, maxTokens: 256, stop: ['Q:', '</s>', '<|im_end|>'] },
};

const mmluLike: GenerateRequest = {
  messages: [{ role: 'user', content: 'Which option is right?\nA. one\nB. two\nC. three\nD. four' }],
  parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
};

/** The usage a result must carry: what the server reported for the response it came from. */
function reportedFor(target: FlavourServer, result: GenerateResult) {
  expect(result.responseId).toBeDefined();
  return target.reported.get(result.responseId ?? '');
}

describe.each(flavours)('$name flavour', (rules) => {
  it.each(rules.models)(
    '%s answers with the usage the server reported, stop strings applied',
    async (modelId) => {
      const target = await start(rules);
      const model = modelOn(target, modelId);
      const result = await model.generate(gsm8kLike, {});
      expect(result.text).toBe('First, 3 + 4 = 7. The answer is 7.\nThe best answer is B.\n\n');
      expect(result.text).not.toContain('Q:');
      expect(result.usage).toEqual(reportedFor(target, result));
      expect(result.finishReason).toBe('stop');
    },
  );
});

describe('OpenAI', () => {
  it('sends a classic model max_tokens, temperature and stop, and paces nothing away', async () => {
    const target = await start(openAIFlavour);
    const result = await modelOn(target, 'gpt-4o-mini').generate(gsm8kLike, {});
    expect(target.requests.at(-1)?.body).toMatchObject({
      max_tokens: 256,
      temperature: 0,
      stop: ['Q:', '</s>', '<|im_end|>'],
      stream_options: { include_usage: true },
    });
    expect(result.rateLimit).toMatchObject({ limitRequests: 10_000, resetRequestsMs: 6 });
  });

  it('sends a reasoning model max_completion_tokens with a reasoning allowance, no temperature or stop, and its reasoning effort', async () => {
    const target = await start(openAIFlavour);
    const result = await modelOn(target, 'o4-mini').generate(
      {
        ...mmluLike,
        parameters: { ...mmluLike.parameters, reasoningEffort: 'low', reasoningAllowanceTokens: 2000 },
      },
      {},
    );
    const body = target.requests.at(-1)?.body ?? {};
    expect(body).toMatchObject({ max_completion_tokens: 2010, reasoning_effort: 'low' });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('stop');
    expect(target.requests).toHaveLength(1);
    // The stop string "." is applied on our side.
    expect(result.text).toBe('First, 3 + 4 = 7');
    expect(result.usage.reasoningTokens).toBeGreaterThan(0);
    expect(result.usage).toEqual(reportedFor(target, result));
  });

  it('adapts to an unknown reasoning model from its 400s, once, and remembers it', async () => {
    const rules: FlavourRules = {
      ...openAIFlavour,
      models: ['gpt-next'],
      isReasoningModel: () => true,
      refuseChat: (body, model) => openAIFlavour.refuseChat?.(body, model.replace('gpt-next', 'o9')),
    };
    const target = await start(rules);
    const model = modelOn(target, 'gpt-next');
    const first = await model.generate(mmluLike, {});
    expect(first.text).toBe('First, 3 + 4 = 7');
    const refused = target.requests.length - 1;
    expect(refused).toBeGreaterThanOrEqual(2);
    await model.generate(mmluLike, {});
    expect(target.requests.length).toBe(refused + 2);
    const probe = await model.probe?.({});
    expect(probe?.reasoning).toBe(true);
    expect(probe?.notes?.join('\n')).toContain('max_tokens refused: max_completion_tokens sent');
  });

  it('uses the Responses API for responses-only models, by family and after a 404 that says so', async () => {
    const target = await start(openAIFlavour);
    const known = await modelOn(target, 'o3-pro').generate(gsm8kLike, {});
    expect(target.requests.map((request) => request.path)).toEqual(['/v1/responses']);
    expect(known.text).toBe('First, 3 + 4 = 7. The answer is 7.\nThe best answer is B.\n\n');
    expect(known.usage).toEqual(reportedFor(target, known));
    expect(known.usage.cachedInputTokens).toBeDefined();
    expect(known.timing.reasoningTtftMs).toBeLessThanOrEqual(known.timing.ttftMs ?? Number.NaN);
    const body = target.requests[0]?.body ?? {};
    expect(body).toMatchObject({ instructions: 'Solve the problem.', store: false, stream: true });
    expect(body.max_output_tokens).toBeGreaterThanOrEqual(256);
    expect(body).not.toHaveProperty('stop');

    const unknown = modelOn(target, 'research-pro');
    const short = await unknown.generate({ ...gsm8kLike, parameters: { maxTokens: 1 } }, {});
    expect(target.requests.slice(1).map((request) => request.path)).toEqual([
      '/v1/chat/completions',
      '/v1/responses',
    ]);
    expect(target.requests.at(-1)?.body.max_output_tokens).toBeGreaterThanOrEqual(16);
    expect(short.finishReason).toBe('length');
  });
});

describe('vLLM', () => {
  it('retries a reasoning model whose stop string matched inside its reasoning, with stop applied on our side', async () => {
    const target = await start(vllmFlavour);
    const model = modelOn(target, 'Qwen/QwQ-32B');
    const failure = await model.generate(mmluLike, {}).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ isRetryable: true });
    expect(String(failure)).toContain('stop string inside the model');
    const result = await model.generate(mmluLike, {});
    expect(target.requests.at(-1)?.body).not.toHaveProperty('stop');
    expect(target.requests.at(-1)?.body.max_tokens).toBeGreaterThan(10);
    expect(result.text).toBe('First, 3 + 4 = 7');
    expect(result.reasoningCharacters).toBeGreaterThan(0);
    expect(result.timing.reasoningTtftMs).toBeLessThan(result.timing.ttftMs ?? 0);
  });

  it('finds the continuation behind an echoed BOS token', async () => {
    const target = await start(vllmFlavour);
    const model = modelOn(target, 'meta-llama/Llama-3.1-8B-Instruct', 'completions');
    const result = await model.logLikelihood?.({ context: 'Answer:', continuations: [' A', ' B'] }, {});
    const logprob = (character: string) => -(((character.codePointAt(0) ?? 0) % 7) + 1) / 10;
    expect(result?.logLikelihoods).toEqual([
      expect.closeTo(logprob(' ') + logprob('A'), 10),
      expect.closeTo(logprob(' ') + logprob('B'), 10),
    ]);
    expect((await model.probe?.({}))?.logLikelihood).toBe(true);
  });
});

describe('TGI', () => {
  it('keeps the usage sent after a stop sequence it leaves in the text', async () => {
    const target = await start(tgiFlavour);
    const result = await modelOn(target, 'tgi').generate(gsm8kLike, {});
    expect(result.text).not.toContain('Q:');
    expect(result.usage).toEqual(reportedFor(target, result));
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });
});

describe('Ollama', () => {
  it('keeps the real usage of a completions stream that carries zeros on every chunk', async () => {
    const target = await start(ollamaFlavour);
    const result = await modelOn(target, 'llama3.2', 'completions').generate(gsm8kLike, {});
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage).toEqual(reportedFor(target, result));
  });

  it('streams a thinking model’s `reasoning` apart from the answer', async () => {
    const target = await start(ollamaFlavour);
    const result = await modelOn(target, 'qwen3').generate(gsm8kLike, {});
    expect(result.text.startsWith('First')).toBe(true);
    expect(result.reasoningCharacters).toBeGreaterThan(0);
  });
});

describe('llama.cpp and DeepSeek', () => {
  it('llama.cpp: a thinking model’s reasoning_content is not the answer; no echo means no log-likelihoods', async () => {
    const target = await start(llamaCppFlavour);
    const model = modelOn(target, 'qwen3-4b-thinking');
    const result = await model.generate(gsm8kLike, {});
    expect(result.text.startsWith('First')).toBe(true);
    const probe = await model.probe?.({});
    expect(probe, probe?.notes?.join('\n')).toMatchObject({
      chat: true,
      completions: true,
      logLikelihood: false,
      reasoning: true,
    });
  });

  it('DeepSeek: cache hits from prompt_cache_hit_tokens, reasoning tokens, budget with allowance', async () => {
    const target = await start(deepSeekFlavour);
    const result = await modelOn(target, 'deepseek-reasoner').generate(mmluLike, {});
    expect(result.usage).toEqual(reportedFor(target, result));
    expect(result.usage.cachedInputTokens).toBeGreaterThan(0);
    expect(result.usage.reasoningTokens).toBeGreaterThan(0);
    const body = target.requests.at(-1)?.body ?? {};
    expect(body.max_tokens).toBeGreaterThan(10);
    expect(body).not.toHaveProperty('temperature');
  });
});
