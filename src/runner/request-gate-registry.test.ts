import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../spec/index.ts';
import { createRequestGateRegistry } from './request-gate-registry.ts';

const identity = { provider: 'openai', endpoint: 'https://api.example.test/v1', modelId: 'model-a' };
const settings = { ceiling: 8, adaptive: true, requestsPerMinute: 100, tokensPerMinute: 10_000 };
const fakeKey = 'sk-test-DO-NOT-LEAK-4f9a1c2e7b';

describe('createRequestGateRegistry', () => {
  it('gives models on the same provider, endpoint and key one shared gate', async () => {
    const registry = createRequestGateRegistry({ now: () => 0 });
    const model = registry.gateFor({ identity, apiKey: fakeKey, ...settings });
    const judge = registry.gateFor({
      identity: { ...identity, modelId: 'judge-b' },
      apiKey: fakeKey,
      ...settings,
    });
    expect(judge).toBe(model);
    const otherKey = registry.gateFor({ identity, apiKey: `${fakeKey}-2`, ...settings });
    const otherEndpoint = registry.gateFor({
      identity: { ...identity, endpoint: 'http://127.0.0.1:1/v1' },
      apiKey: fakeKey,
      ...settings,
    });
    const noKey = registry.gateFor({ identity, ...settings });
    expect(new Set([model, otherKey, otherEndpoint, noKey]).size).toBe(4);
    // A 429 seen by the judge lowers the limit the evaluated model runs under.
    const permit = await judge.acquire({ tokens: { inputTokens: 10, outputTokens: 10 } });
    permit.release({
      type: 'error',
      error: new ProviderError({
        provider: 'openai',
        message: 'HTTP 429',
        statusCode: 429,
        isRetryable: true,
      }),
    });
    expect(model.snapshot()).toMatchObject({ limit: 4, requestsInWindow: 1 });
    expect(otherKey.snapshot()).toMatchObject({ limit: 8, requestsInWindow: 0 });
  });

  it('keeps neither the key nor a fingerprint of it in anything that could be printed', async () => {
    const registry = createRequestGateRegistry({ now: () => 0 });
    const gate = registry.gateFor({ identity, apiKey: fakeKey, ...settings });
    const permit = await gate.acquire({ tokens: { inputTokens: 1, outputTokens: 1 } });
    const printed = [
      JSON.stringify(gate.snapshot()),
      JSON.stringify(gate),
      JSON.stringify(permit),
      JSON.stringify(registry),
      inspect(gate, { depth: 10, showHidden: true, getters: true }),
      inspect(permit, { depth: 10, showHidden: true }),
      inspect(registry, { depth: 10, showHidden: true }),
    ].join('\n');
    expect(printed).not.toContain(fakeKey);
    expect(printed).not.toContain(fakeKey.slice(-8));
    // No hash-like string (hex or base64url digest) either.
    expect(printed).not.toMatch(/[A-Za-z0-9_-]{32,}/);
    expect(Object.keys(gate.snapshot()).sort()).toEqual([
      'adaptive',
      'ceiling',
      'inFlight',
      'limit',
      'lowestLimit',
      'overloadAnswers',
      'requestsInWindow',
      'requestsPerMinute',
      'tokensInWindow',
      'tokensPerMinute',
      'waiting',
    ]);
  });
});
