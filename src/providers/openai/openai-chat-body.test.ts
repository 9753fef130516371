import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../spec/language-model.ts';
import { chatBodyJson, chatWireMessages } from './openai-chat-body.ts';

/** The bytes chatBodyJson gives for a body made from `messages` as the chat model makes it. */
function encoded(messages: readonly ChatMessage[], fields: Record<string, unknown> = {}) {
  const body = { model: 'm', messages: chatWireMessages(messages), stream: true, ...fields };
  const pieces = chatBodyJson(body, messages);
  const bytes = Buffer.alloc(pieces.byteLength + 2, 0x7e);
  pieces.writeInto(bytes, 1);
  // Written exactly into its room: the guard bytes either side are untouched.
  expect([bytes[0], bytes[bytes.length - 1]]).toEqual([0x7e, 0x7e]);
  return { bytes: bytes.subarray(1, -1), expected: Buffer.from(JSON.stringify(body)) };
}

const system: ChatMessage = { role: 'system', content: 'Answer with one letter — "A" to "D".' };
const shots: ChatMessage[] = [
  { role: 'user', content: 'Ünïcödé: 日本語, an emoji 😀, a tab\t, a quote " and a backslash \\.\nAnswer:' },
  { role: 'assistant', content: ' B' },
  // A lone surrogate, which JSON.stringify writes as an escape.
  { role: 'user', content: `broken \ud800 pair\nAnswer:` },
  { role: 'assistant', content: ' A' },
];
const question = (text: string): ChatMessage => ({ role: 'user', content: `${text}\nAnswer:` });

afterEach(() => vi.restoreAllMocks());

describe('chatBodyJson', () => {
  it('gives the bytes of JSON.stringify(body) for shared turns seen once, twice and more, with non-ASCII text', () => {
    for (let item = 0; item < 4; item += 1) {
      const { bytes, expected } = encoded(
        [system, ...shots, question(`Question ${item}: ½ or ¼? ${'é'.repeat(item)}`)],
        {
          stream_options: { include_usage: true },
          temperature: 0,
          max_tokens: 5,
          stop: ['\n', 'Question:'],
        },
      );
      expect(bytes.toString('utf8')).toBe(expected.toString('utf8'));
      expect(bytes.equals(expected)).toBe(true);
    }
  });

  it('serializes a shared turn at most twice, and its kept bytes serve any position (first or later)', () => {
    const turns: ChatMessage[] = [
      { role: 'user', content: 'a kept turn — shared' },
      { role: 'assistant', content: 'another kept turn' },
    ];
    const stringify = vi.spyOn(JSON, 'stringify');
    const countShared = () =>
      stringify.mock.calls.filter(
        ([value]) => (value as { content?: unknown } | null)?.content === turns[0]?.content,
      ).length;
    for (let item = 0; item < 5; item += 1) {
      const messages = item % 2 === 0 ? [...turns, question(`q${item}`)] : [question(`q${item}`), ...turns];
      const { bytes, expected } = encoded(messages);
      expect(bytes.equals(expected)).toBe(true);
    }
    // Once by each of the first two requests (the whole-body JSON.stringify above does not call it per turn).
    expect(countShared()).toBe(2);
  });

  it('serializes a kept turn again when its text was changed in place', () => {
    const shared = { role: 'user', content: 'before' } as { role: 'user'; content: string };
    for (let item = 0; item < 3; item += 1) encoded([shared, question(`q${item}`)]);
    shared.content = 'after — changed';
    const { bytes, expected } = encoded([shared, question('q')]);
    expect(bytes.toString('utf8')).toBe(expected.toString('utf8'));
    expect(bytes.toString('utf8')).toContain('after — changed');
  });

  it('leaves the body as it was, also with a model id that reads like the messages field', () => {
    const messages = chatWireMessages([system, question('q')]);
    const body = { model: 'a"messages":0,"b', messages, stream: true };
    const pieces = chatBodyJson(body, [system, question('q')]);
    const bytes = Buffer.alloc(pieces.byteLength);
    pieces.writeInto(bytes, 0);
    expect(bytes.toString()).toBe(JSON.stringify(body));
    expect(body.messages).toBe(messages);
    expect(Object.keys(body)).toEqual(['model', 'messages', 'stream']);
  });

  it('writes a body whose messages follow an object field as JSON.stringify does, whatever that object holds', () => {
    const body = { meta: { messages: 0 }, messages: chatWireMessages([system]), stream: true };
    const pieces = chatBodyJson(body, [system]);
    const bytes = Buffer.alloc(pieces.byteLength);
    pieces.writeInto(bytes, 0);
    expect(bytes.toString()).toBe(JSON.stringify(body));
  });

  it('keeps nothing for a turn seen only in the last place; one seen before it is kept from its next request', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const turn: ChatMessage = { role: 'user', content: 'the last turn, again and again' };
    const count = () =>
      stringify.mock.calls.filter(
        ([value]) => (value as { content?: unknown } | null)?.content === turn.content,
      ).length;
    for (let item = 0; item < 3; item += 1)
      expect(encoded([system, turn]).bytes.toString()).toContain(turn.content);
    expect(count()).toBe(3);
    encoded([turn, question('q1')]);
    encoded([system, turn]);
    encoded([system, turn]);
    expect(count()).toBe(5);
  });

  it('writes the other fields in order, leaving out those JSON cannot write, and the edge shapes', () => {
    const fields = {
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'x', schema: { type: 'object' }, strict: true },
      },
      tools: [{ type: 'function', function: { name: 'f', description: 'ä', parameters: {} } }],
      seed: undefined,
      reasoning_effort: 'low',
    };
    for (let item = 0; item < 3; item += 1) {
      const { bytes, expected } = encoded([system, question(`q${item}`)], fields);
      expect(bytes.equals(expected)).toBe(true);
    }
    expect(encoded([]).bytes.toString()).toBe('{"model":"m","messages":[],"stream":true}');
    const empty = chatBodyJson({}, []);
    const bytes = Buffer.alloc(empty.byteLength);
    empty.writeInto(bytes, 0);
    expect(bytes.toString()).toBe('{}');
    const messagesFirst = { messages: chatWireMessages([system]), model: 'm' };
    const first = chatBodyJson(messagesFirst, [system]);
    const firstBytes = Buffer.alloc(first.byteLength);
    first.writeInto(firstBytes, 0);
    expect(firstBytes.toString()).toBe(JSON.stringify(messagesFirst));
  });
});
