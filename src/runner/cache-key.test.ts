import { describe, expect, it } from 'vitest';
import type { GenerateRequest, ModelIdentity, ToolDefinition } from '../spec/index.ts';
import { responseCacheKey } from './cache-key.ts';

const model: ModelIdentity = {
  provider: 'openai',
  endpoint: 'http://127.0.0.1:8000/v1',
  modelId: 'llama-3.1-8b',
};
const request: GenerateRequest = {
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is 2 + 2?' },
  ],
  parameters: { temperature: 0, maxTokens: 256, stop: ['\n\n'], seed: 1 },
  assistantPrefix: 'The answer is',
};
const baseKey = responseCacheKey({ model, request });

describe('responseCacheKey', () => {
  it('is a sha256 hex digest', () => {
    expect(baseKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the order object keys were written in and undefined fields', () => {
    const reordered: GenerateRequest = {
      assistantPrefix: 'The answer is',
      parameters: { seed: 1, stop: ['\n\n'], maxTokens: 256, temperature: 0, topP: undefined },
      messages: request.messages.map((message) => ({ content: message.content, role: message.role })),
    };
    expect(
      responseCacheKey({
        request: reordered,
        model: { modelId: 'llama-3.1-8b', endpoint: model.endpoint, provider: 'openai' },
      }),
    ).toBe(baseKey);
  });

  it('changes with anything that can change the output', () => {
    const variants: GenerateRequest[] = [
      { ...request, messages: [...request.messages, { role: 'assistant', content: '4' }] },
      { ...request, messages: [request.messages[0]!, { role: 'user', content: 'What is 2 + 3?' }] },
      {
        ...request,
        messages: [{ role: 'user', content: 'You are a helpful assistant.' }, request.messages[1]!],
      },
      { ...request, parameters: { ...request.parameters, temperature: 0.7 } },
      { ...request, parameters: { ...request.parameters, topP: 0.9 } },
      { ...request, parameters: { ...request.parameters, maxTokens: 257 } },
      { ...request, parameters: { ...request.parameters, stop: ['\n'] } },
      { ...request, parameters: { ...request.parameters, seed: 2 } },
      { ...request, parameters: { ...request.parameters, reasoningAllowanceTokens: 1024 } },
      { ...request, parameters: { ...request.parameters, reasoningEffort: 'high' } },
      { ...request, assistantPrefix: undefined },
      { ...request, assistantPrefix: 'Answer:' },
      { ...request, responseSchema: { name: 'a', schema: { type: 'object' } } },
      { ...request, responseSchema: { name: 'a', schema: { type: 'array' } } },
    ];
    const keys = [
      ...variants.map((variant) => responseCacheKey({ model, request: variant })),
      responseCacheKey({ model: { ...model, provider: 'local' }, request }),
      responseCacheKey({ model: { ...model, endpoint: 'http://127.0.0.1:8001/v1' }, request }),
      responseCacheKey({ model: { ...model, modelId: 'llama-3.1-70b' }, request }),
      responseCacheKey({ model, request, sample: 1 }),
    ];
    expect(new Set([baseKey, ...keys]).size).toBe(keys.length + 1);
    expect(responseCacheKey({ model, request, sample: 0 })).toBe(baseKey);
  });

  it('has no place for secrets, and ignores any that ride along at run time', () => {
    // @ts-expect-error — the input type has no apiKey field: secrets cannot be part of the key.
    responseCacheKey({ model, request, apiKey: 'sk-secret' });
    const widerModel = { ...model, apiKey: 'sk-secret', headers: { authorization: 'Bearer sk-secret' } };
    const widerRequest = { ...request, timeoutMs: 5000, maxRetries: 3 };
    expect(responseCacheKey({ model: widerModel, request: widerRequest })).toBe(baseKey);
  });
});

describe('responseCacheKey for log-likelihood requests', () => {
  const logLikelihood = { context: 'Question: 2 + 2 =\nAnswer:', continuations: [' 3', ' 4', ' 5'] };
  const keyOf = (scored: { context: string; continuations: readonly string[] } | undefined): string =>
    responseCacheKey({ model, request, logLikelihood: scored });

  it('keys on the context and every continuation, in order', () => {
    const keys = [
      keyOf(logLikelihood),
      keyOf({ ...logLikelihood, context: 'Question: 2 + 3 =\nAnswer:' }),
      keyOf({ ...logLikelihood, continuations: [' 3', ' 4'] }),
      keyOf({ ...logLikelihood, continuations: [' 4', ' 3', ' 5'] }),
      keyOf({ ...logLikelihood, continuations: [' 3', ' 4', ' 6'] }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(baseKey);
  });

  it('is stable for the same request', () => {
    expect(keyOf({ context: logLikelihood.context, continuations: [...logLikelihood.continuations] })).toBe(
      keyOf(logLikelihood),
    );
    expect(keyOf(undefined)).toBe(baseKey);
  });
});

describe('responseCacheKey with tools', () => {
  const tool: ToolDefinition = {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  };
  const keyWith = (tools: ToolDefinition[]): string =>
    responseCacheKey({ model, request: { ...request, tools } as GenerateRequest });

  it("keys on each tool's name, description and parameters (the model sees all three)", () => {
    const keys = [
      baseKey,
      keyWith([tool]),
      keyWith([{ ...tool, name: 'get_forecast' }]),
      keyWith([{ ...tool, description: 'Forecast for a city' }]),
      keyWith([{ ...tool, parameters: { type: 'object', properties: { town: { type: 'string' } } } }]),
      keyWith([tool, { ...tool, name: 'other' }]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyWith([{ ...tool }])).toBe(keyWith([tool]));
  });
});
