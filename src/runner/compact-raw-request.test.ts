import { describe, expect, it } from 'vitest';
import type { GenerateRequest, ModelResponse } from '../spec/index.ts';
import { withoutEchoedMessages } from './compact-raw-request.ts';

const request: GenerateRequest = {
  messages: [
    { role: 'user', content: 'Q1' },
    { role: 'assistant', content: 'A1' },
    { role: 'user', content: 'Q2' },
  ],
  parameters: { maxTokens: 10 },
};

function responseWith(body: unknown): ModelResponse {
  return {
    text: 'B',
    finishReason: 'stop',
    usage: {},
    timing: { totalMs: 1 },
    prefillApplied: false,
    raw: { request: body, response: { events: [] } },
  };
}

describe('withoutEchoedMessages', () => {
  it('leaves out messages that repeat the request, keeping every other field of the body', () => {
    const body = {
      model: 'm',
      stream: true,
      max_tokens: 10,
      messages: request.messages.map((m) => ({ ...m })),
    };
    expect(withoutEchoedMessages(responseWith(body), request).raw?.request).toEqual({
      model: 'm',
      stream: true,
      max_tokens: 10,
      omitted_messages: 3,
    });
  });

  it('keeps the order of the other fields, as the stored body shows them, and the original response untouched', () => {
    const messages = request.messages.map((m) => ({ content: m.content, role: m.role }));
    const body = { model: 'm', messages, stream: true, stop: ['.'] };
    const response = responseWith(body);
    const compact = withoutEchoedMessages(response, request);
    expect(JSON.stringify(compact.raw?.request)).toBe(
      '{"model":"m","stream":true,"stop":["."],"omitted_messages":3}',
    );
    expect(response.raw?.request).toBe(body);
    expect(body.messages).toBe(messages);
  });

  it('keeps messages that differ from the request in any way', () => {
    const changed = [
      request.messages.slice(0, 2),
      [...request.messages.slice(0, 2), { role: 'user', content: 'Q2 changed' }],
      request.messages.map((message) => ({ ...message, name: 'x' })),
      [{ role: 'system', content: 'S' }, ...request.messages],
    ];
    for (const messages of changed) {
      const response = responseWith({ model: 'm', messages });
      expect(withoutEchoedMessages(response, request)).toBe(response);
    }
  });

  it('keeps responses without a raw body as they are', () => {
    const response = { ...responseWith(undefined), raw: undefined };
    expect(withoutEchoedMessages(response, request)).toBe(response);
  });
});
