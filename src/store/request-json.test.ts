import { describe, expect, it } from 'vitest';
import type { ChatMessage, GenerateRequest } from '../spec/index.ts';
import { requestJson } from './request-json.ts';

const shot: ChatMessage = {
  role: 'user',
  content: 'Question: "2 + 2"?\nA. 3\nB. 4\tC. \\ D. é ✓ \u2028 \ud800 end',
};
const answer: ChatMessage = { role: 'assistant', content: 'The best answer is B.' };

function request(question: string, extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    messages: [shot, answer, { role: 'user', content: question }],
    parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
    assistantPrefix: 'The best answer is',
    ...extra,
  };
}

describe('requestJson', () => {
  it('writes the text JSON.stringify writes, each time a message is seen again', () => {
    const requests = [
      request('first "one"'),
      request('second\nline'),
      request('third'),
      request('fourth', { messages: [answer, shot, shot] }),
    ];
    for (const each of requests) expect(requestJson(each)).toBe(JSON.stringify(each));
    expect(JSON.parse(requestJson(requests[1] as GenerateRequest))).toEqual(requests[1]);
  });

  it('keeps the key order and leaves out what JSON.stringify leaves out', () => {
    const cases: GenerateRequest[] = [
      { parameters: {}, messages: [] },
      { messages: [shot], parameters: { topP: 0.5, seed: undefined }, assistantPrefix: undefined },
      {
        messages: [{ role: 'system', content: '' }, shot],
        parameters: { maxTokens: 3 },
        responseSchema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } },
        tools: [{ name: 'f', description: 'd', parameters: { type: 'object' } }],
      },
      // Not a valid request, written as JSON.stringify writes it all the same.
      { messages: [undefined, null, shot] as unknown as ChatMessage[], parameters: {} },
      { messages: 'text' as unknown as ChatMessage[], parameters: {} },
    ];
    for (const each of cases) expect(requestJson(each)).toBe(JSON.stringify(each));
    expect(requestJson({} as GenerateRequest)).toBe('{}');
  });

  it('serializes a message again only until it has been seen twice', () => {
    let reads = 0;
    const counted = {
      role: 'user',
      get content() {
        reads += 1;
        return 'shared turn';
      },
    } as unknown as ChatMessage;
    const texts = [1, 2, 3, 4].map((index) =>
      requestJson({ messages: [counted, { role: 'user', content: `q${index}` }], parameters: {} }),
    );
    expect(texts).toEqual(
      [1, 2, 3, 4].map(
        (index) =>
          `{"messages":[{"role":"user","content":"shared turn"},{"role":"user","content":"q${index}"}],"parameters":{}}`,
      ),
    );
    expect(reads).toBe(2);
  });
});
