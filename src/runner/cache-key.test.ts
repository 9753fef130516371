import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, GenerateRequest, ModelIdentity, ToolDefinition } from '../spec/index.ts';
import { responseCacheKey } from './cache-key.ts';
import { canonicalJson } from './canonical-json.ts';

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

describe('responseCacheKey keeps the keys stores already hold', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('hashes the canonical JSON written out here by hand', () => {
    const text =
      '{"assistantPrefix":"The answer is","endpoint":"http://127.0.0.1:8000/v1","messages":[{"content":"You are a helpful assistant.","role":"system"},{"content":"What is 2 + 2?","role":"user"}],"modelId":"llama-3.1-8b","parameters":{"maxTokens":256,"seed":1,"stop":["\\n\\n"],"temperature":0},"provider":"openai"}';
    expect(baseKey).toBe(sha256(text));
    const withSample =
      '{"endpoint":"e","logLikelihood":{"context":"c\\"é","continuations":[" a"," b"]},"messages":[{"content":"\\u0000x","role":"user"}],"modelId":"m","parameters":{"reasoningAllowanceTokens":5,"reasoningEffort":"low","topP":0.5},"provider":"p","sample":2,"tools":[]}';
    expect(
      responseCacheKey({
        model: { provider: 'p', endpoint: 'e', modelId: 'm' },
        request: {
          messages: [{ role: 'user', content: '\u0000x' }],
          parameters: { topP: 0.5, reasoningEffort: 'low', reasoningAllowanceTokens: 5 },
          tools: [],
        },
        sample: 2,
        logLikelihood: { context: 'c"é', continuations: [' a', ' b'] },
      }),
    ).toBe(sha256(withSample));
  });

  it('writes a response schema and tools with their keys sorted at every depth', () => {
    const text =
      '{"endpoint":"e","messages":[],"modelId":"m","parameters":{},"provider":"p","responseSchema":{"name":"s","schema":{"properties":{"a":{"type":"string"}},"type":"object"}},"tools":[{"description":"d","name":"f","parameters":{"b":1,"z":[{"x":2,"y":1}]}}]}';
    expect(
      responseCacheKey({
        model: { provider: 'p', endpoint: 'e', modelId: 'm' },
        request: {
          messages: [],
          parameters: {},
          responseSchema: { schema: { type: 'object', properties: { a: { type: 'string' } } }, name: 's' },
          tools: [{ name: 'f', description: 'd', parameters: { z: [{ y: 1, x: 2 }], b: 1 } }],
        } as GenerateRequest,
      }),
    ).toBe(sha256(text));
  });

  it('refuses a value JSON cannot hold, as before', () => {
    expect(() =>
      responseCacheKey({
        model,
        request: { ...request, parameters: { ...request.parameters, temperature: Number.NaN } },
      }),
    ).toThrow(TypeError);
  });
});

describe('responseCacheKey on many shapes of request', () => {
  it('equals the sha256 of canonicalJson over the named fields, whichever fields are set', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const maybe = <T>(value: T): T | undefined => (next() < 0.5 ? value : undefined);
    const texts = ['', 'a', 'Ünïcode ✓', 'line\nbreak', 'quote " and \\ backslash', '\u2028'];
    const pick = () => texts[Math.floor(next() * texts.length)] as string;
    for (let round = 0; round < 300; round += 1) {
      const parameters = {
        temperature: maybe(next() < 0.5 ? 0 : -0.7),
        topP: maybe(next()),
        maxTokens: maybe(Math.floor(next() * 100)),
        stop: maybe(next() < 0.3 ? [] : [pick(), pick()]),
        seed: maybe(1e21),
        reasoningEffort: maybe(pick()),
        reasoningAllowanceTokens: maybe(3),
      };
      const request: GenerateRequest = {
        messages: Array.from({ length: Math.floor(next() * 3) }, () => ({
          role: next() < 0.5 ? 'user' : 'assistant',
          content: pick(),
        })),
        parameters,
        ...(next() < 0.5 ? { assistantPrefix: pick() } : {}),
        ...(next() < 0.2 ? { tools: [] } : {}),
      };
      const sample = maybe(Math.floor(next() * 3));
      const logLikelihood = maybe({ context: pick(), continuations: [pick(), pick()] });
      const identity = { provider: pick(), endpoint: pick(), modelId: pick() };
      const expected = canonicalJson({
        provider: identity.provider,
        endpoint: identity.endpoint,
        modelId: identity.modelId,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
        parameters,
        assistantPrefix: request.assistantPrefix,
        tools: request.tools,
        sample: sample === 0 ? undefined : sample,
        logLikelihood,
      });
      expect(
        responseCacheKey({
          model: identity,
          request,
          ...(sample === undefined ? {} : { sample }),
          ...(logLikelihood === undefined ? {} : { logLikelihood }),
        }),
      ).toBe(createHash('sha256').update(expected).digest('hex'));
    }
  });
});

describe('responseCacheKey on requests that share their first messages', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const expectedKey = (identity: ModelIdentity, request: GenerateRequest): string =>
    sha256(
      canonicalJson({
        provider: identity.provider,
        endpoint: identity.endpoint,
        modelId: identity.modelId,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
        parameters: request.parameters,
        assistantPrefix: request.assistantPrefix,
      }),
    );
  // One array of turns for every request, as a few-shot benchmark shares its examples.
  const shots: ChatMessage[] = [
    { role: 'user', content: 'Question: 1 + 1?\nA. 2\nB. 3' },
    { role: 'assistant', content: 'The best answer is A.' },
    { role: 'user', content: 'Question: "2" + 2?\nA. 4\nB. 5' },
    { role: 'assistant', content: 'The best answer is A.' },
  ];
  const ask = (question: string, turns: readonly ChatMessage[] = shots): GenerateRequest => ({
    messages: [...turns, { role: 'user', content: question }],
    parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
    assistantPrefix: 'The best answer is',
  });

  it('gives each request the key of its whole canonical text, the first and every later time', () => {
    const questions = ['Question: 3 + 3?', 'Question: ünï "4" \\ 4?', 'Question: 3 + 3?', ''];
    for (const question of [...questions, ...questions]) {
      expect(responseCacheKey({ model, request: ask(question) })).toBe(expectedKey(model, ask(question)));
    }
    const keys = new Set(questions.map((question) => responseCacheKey({ model, request: ask(question) })));
    expect(keys.size).toBe(3);
  });

  it('keys apart requests whose shared turns come after other fields or another endpoint', () => {
    const other = { ...model, endpoint: 'http://127.0.0.1:9999/v1' };
    const { assistantPrefix: _unused, ...noPrefix } = ask('Q?');
    for (let round = 0; round < 3; round += 1) {
      expect(responseCacheKey({ model, request: ask('Q?') })).toBe(expectedKey(model, ask('Q?')));
      expect(responseCacheKey({ model: other, request: ask('Q?') })).toBe(expectedKey(other, ask('Q?')));
      expect(responseCacheKey({ model, request: noPrefix })).toBe(expectedKey(model, noPrefix));
    }
  });

  it('keys a turn changed in place by what it says now, not by what it said before', () => {
    const turns = shots.map((turn) => ({ ...turn }));
    const before = responseCacheKey({ model, request: ask('Q?', turns) });
    expect(responseCacheKey({ model, request: ask('Q?', turns) })).toBe(before);
    (turns[1] as { content: string }).content = 'The best answer is B.';
    expect(responseCacheKey({ model, request: ask('Q?', turns) })).toBe(expectedKey(model, ask('Q?', turns)));
    expect(responseCacheKey({ model, request: ask('Q?', turns) })).not.toBe(before);
    turns[0] = { role: 'system', content: turns[0]?.content ?? '' };
    expect(responseCacheKey({ model, request: ask('Q?', turns) })).toBe(expectedKey(model, ask('Q?', turns)));
  });

  it('keys requests that share the last turn but not the ones before it', () => {
    const last: ChatMessage = { role: 'assistant', content: 'The best answer is A.' };
    const first: ChatMessage[] = [{ role: 'user', content: 'one' }, last];
    const second: ChatMessage[] = [{ role: 'user', content: 'two' }, last];
    for (let round = 0; round < 3; round += 1) {
      for (const turns of [first, second, first.slice(1)]) {
        expect(responseCacheKey({ model, request: ask('Q?', turns) })).toBe(
          expectedKey(model, ask('Q?', turns)),
        );
      }
    }
  });

  it('names the message that JSON cannot hold', () => {
    const request = ask('Q?', [shots[0] as ChatMessage, { role: 'user', content: 1n as unknown as string }]);
    expect(() => responseCacheKey({ model, request })).toThrow(/value\.messages\[1\]\.content is a bigint/);
  });
});

describe('responseCacheKey on a run of requests that differ in one field', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const expectedKey = (input: {
    model: ModelIdentity;
    request: GenerateRequest;
    sample?: number;
    logLikelihood?: { context: string; continuations: readonly string[] };
  }): string =>
    sha256(
      canonicalJson({
        provider: input.model.provider,
        endpoint: input.model.endpoint,
        modelId: input.model.modelId,
        messages: input.request.messages.map((message) => ({ role: message.role, content: message.content })),
        parameters: input.request.parameters,
        assistantPrefix: input.request.assistantPrefix,
        responseSchema: input.request.responseSchema,
        sample: input.sample === 0 ? undefined : input.sample,
        logLikelihood: input.logLikelihood,
      }),
    );

  it('keys each request by its own fields, whichever request came before it', () => {
    const parameters = request.parameters;
    const variants = [
      { model, request },
      { model, request, sample: 3 },
      { model: { ...model, modelId: 'other' }, request },
      { model: { ...model, provider: 'local' }, request },
      { model: { ...model, endpoint: 'http://127.0.0.1:1/v1' }, request },
      { model, request: { ...request, assistantPrefix: 'Answer:' } },
      { model, request: { ...request, assistantPrefix: undefined } },
      { model, request: { ...request, parameters: { ...parameters, temperature: 0.5 } } },
      { model, request: { ...request, parameters: { ...parameters, topP: 0.5 } } },
      { model, request: { ...request, parameters: { ...parameters, maxTokens: 5 } } },
      { model, request: { ...request, parameters: { ...parameters, seed: 9 } } },
      { model, request: { ...request, parameters: { ...parameters, reasoningEffort: 'low' } } },
      { model, request: { ...request, parameters: { ...parameters, reasoningAllowanceTokens: 7 } } },
      { model, request: { ...request, parameters: { ...parameters, stop: undefined } } },
      { model, request: { ...request, parameters: { ...parameters, stop: [] } } },
      { model, request: { ...request, parameters: { ...parameters, stop: ['\n\n', 'x'] } } },
      { model, request: { ...request, parameters: { ...parameters, stop: ['\n'] } } },
      { model, request: { ...request, responseSchema: { name: 's', schema: { type: 'object' } } } },
      { model, request, logLikelihood: { context: 'c', continuations: [' a'] } },
    ];
    const seen = new Set<string>();
    for (const first of variants) {
      for (const second of variants) {
        const pair = [first, second, first];
        for (const input of pair) expect(responseCacheKey(input)).toBe(expectedKey(input));
      }
      seen.add(responseCacheKey(first));
    }
    expect(seen.size).toBe(variants.length);
  });

  it('keys a stop list changed in place by what it holds now', () => {
    const stop = ['.', '\n'];
    const withStop = { ...request, parameters: { ...request.parameters, stop } };
    const before = responseCacheKey({ model, request: withStop });
    stop[1] = '\n\n';
    expect(responseCacheKey({ model, request: withStop })).toBe(expectedKey({ model, request: withStop }));
    expect(responseCacheKey({ model, request: withStop })).not.toBe(before);
    stop.pop();
    expect(responseCacheKey({ model, request: withStop })).toBe(expectedKey({ model, request: withStop }));
  });

  it('keys a response schema changed in place by what it says now', () => {
    const schema: Record<string, unknown> = { type: 'object' };
    const withSchema = { ...request, responseSchema: { name: 's', schema } };
    const before = responseCacheKey({ model, request: withSchema });
    schema.type = 'array';
    expect(responseCacheKey({ model, request: withSchema })).toBe(
      expectedKey({ model, request: withSchema }),
    );
    expect(responseCacheKey({ model, request: withSchema })).not.toBe(before);
  });
});

describe('responseCacheKey on values a typed caller would not pass', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  // An endpoint unique to this run: no text kept from an earlier request can match it.
  const endpoint = `http://127.0.0.1:1/${process.pid}-${Date.now()}`;

  it('leaves out a message role that is undefined at run time, as canonicalJson does', () => {
    const request: GenerateRequest = {
      messages: [
        { role: undefined as unknown as ChatMessage['role'], content: 'no role' },
        { role: 'user', content: 'Q?' },
      ],
      parameters: {},
    };
    expect(responseCacheKey({ model: { ...model, endpoint }, request })).toBe(
      sha256(
        `{"endpoint":"${endpoint}","messages":[{"content":"no role"},{"content":"Q?","role":"user"}],"modelId":"llama-3.1-8b","parameters":{},"provider":"openai"}`,
      ),
    );
  });

  it('writes "messages" first when no key sorts before it (no endpoint, prefix or log-likelihood)', () => {
    const identity = { provider: 'p', modelId: `m-${endpoint}` } as unknown as ModelIdentity;
    const request: GenerateRequest = { messages: [{ role: 'user', content: 'Q?' }], parameters: {} };
    for (let round = 0; round < 2; round += 1) {
      expect(responseCacheKey({ model: identity, request })).toBe(
        sha256(
          `{"messages":[{"content":"Q?","role":"user"}],"modelId":"m-${endpoint}","parameters":{},"provider":"p"}`,
        ),
      );
    }
  });

  it('gives the first key a freshly loaded module computes the whole text hashed (nothing kept yet)', async () => {
    vi.resetModules();
    const fresh = await import('./cache-key.ts');
    const first = { model: { ...model, endpoint }, request };
    expect(fresh.responseCacheKey(first)).toBe(
      sha256(
        canonicalJson({
          assistantPrefix: request.assistantPrefix,
          endpoint,
          messages: request.messages,
          modelId: model.modelId,
          parameters: request.parameters,
          provider: model.provider,
        }),
      ),
    );
  });
});
