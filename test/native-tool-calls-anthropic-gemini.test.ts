import { describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../src/providers/anthropic/anthropic-model.ts';
import { createGeminiModel } from '../src/providers/gemini/gemini-model.ts';
import { decodeToolCalls, type GenerateRequest } from '../src/spec/index.ts';
import { startAnthropicMessagesServer } from './support/anthropic-messages-server.ts';
import { startGeminiApiServer } from './support/gemini-api-server.ts';

const now = () => performance.now();
const request: GenerateRequest = {
  messages: [{ role: 'user', content: 'Reset the counter, then add 2.5 and 3.' }],
  parameters: { maxTokens: 64 },
  tools: [
    { name: 'reset', parameters: { type: 'object', properties: {} } },
    {
      name: 'add',
      description: 'Add two numbers.',
      parameters: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'integer' } },
        required: ['a', 'b'],
      },
    },
  ],
};

describe('native tool calls through the Anthropic and Gemini models', () => {
  it('anthropic: text and two tool_use blocks (one with no input deltas) → the text, then the calls in block order', async () => {
    const server = await startAnthropicMessagesServer({
      respond: () => ({
        text: 'Doing both.',
        toolCalls: [
          { name: 'reset', input: '' },
          { name: 'add', input: '{"a": 2.5, "b": 3}' },
        ],
      }),
    });
    try {
      const model = createAnthropicModel({
        baseUrl: server.origin,
        apiKey: 'sk-ant-test',
        modelId: 'c',
        now,
      });
      const result = await model.generate(request, {});
      expect(result.text.startsWith('Doing both.')).toBe(true);
      expect(decodeToolCalls(result.text)).toEqual([
        { name: 'reset', arguments: '{}' },
        // The server's JSON text as it came: 2.5 and 3 keep their spelling.
        { name: 'add', arguments: '{"a": 2.5, "b": 3}' },
      ]);
      expect(result.finishReason).toBe('tool-calls');
      // Without tools in the request the body has no `tools` field (the API's default).
      await model.generate({ ...request, tools: undefined }, {});
      expect(server.requests.at(-1)?.body).not.toHaveProperty('tools');
    } finally {
      await server.close();
    }
  });

  it('gemini: functionCall parts (one without args) → the calls, args as JSON text', async () => {
    const server = await startGeminiApiServer({
      respond: () => ({
        type: 'text',
        text: '',
        functionCalls: [
          { name: 'reset', args: {} },
          { name: 'add', args: { a: 2.5, b: 3 } },
        ],
      }),
    });
    try {
      const model = createGeminiModel({ baseUrl: server.origin, apiKey: 'g-test', modelId: 'g', now });
      const result = await model.generate(request, {});
      expect(decodeToolCalls(result.text)).toEqual([
        { name: 'reset', arguments: '{}' },
        { name: 'add', arguments: '{"a":2.5,"b":3}' },
      ]);
      await model.generate({ ...request, tools: undefined }, {});
      expect(server.requests.at(-1)?.body).not.toHaveProperty('tools');
    } finally {
      await server.close();
    }
  });

  it('the loopback servers refuse tool names their APIs refuse, and parity reports the refusal', async () => {
    const anthropic = await startAnthropicMessagesServer({ respond: () => ({ text: 'x' }) });
    const gemini = await startGeminiApiServer({ respond: () => ({ type: 'text', text: 'x' }) });
    const bad: GenerateRequest = {
      ...request,
      tools: [{ name: 'math.add', parameters: { type: 'object', properties: {} } }],
    };
    try {
      const claude = createAnthropicModel({
        baseUrl: anthropic.origin,
        apiKey: 'sk-ant-test',
        modelId: 'c',
        now,
      });
      await expect(claude.generate(bad, {})).rejects.toThrow(/HTTP 400.*String should match pattern/);
      // Gemini allows dots; a name starting with a digit is refused.
      const geminiModel = createGeminiModel({ baseUrl: gemini.origin, apiKey: 'g-test', modelId: 'g', now });
      await expect(
        geminiModel.generate({ ...bad, tools: [{ name: '1add', parameters: { type: 'object' } }] }, {}),
      ).rejects.toThrow(/HTTP 400.*Invalid function name/);
      expect((await geminiModel.generate(bad, {})).text).toBe('x');
    } finally {
      await anthropic.close();
      await gemini.close();
    }
  });
});
