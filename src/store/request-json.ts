import type { ChatMessage, GenerateRequest } from '../spec/index.ts';

/**
 * A request's JSON text for its `items.request` column: the same text as `JSON.stringify(request)`, but a message
 * object seen in an earlier request is not serialized again (docs/decisions/0316). Few-shot prompts share their
 * example turns: an MMLU 5-shot request repeats the same ten message objects for every item of a subject, ~4 kB
 * of text with quotes and newlines to escape, ~20 µs per item. A message's text is kept from its second request
 * on, and only while the message object lives: a message used once (the item's own question) keeps nothing.
 * Messages are never changed once built (ChatMessage is readonly), so a kept text stays right.
 */
export function requestJson(request: GenerateRequest): string {
  let text = '';
  for (const key of Object.keys(request)) {
    const value: unknown = request[key as keyof GenerateRequest];
    // JSON.stringify leaves out a property whose value it cannot write (undefined, a function).
    const json = key === 'messages' && Array.isArray(value) ? messagesJson(value) : JSON.stringify(value);
    if (json === undefined) continue;
    text += `${text === '' ? '{' : ','}${JSON.stringify(key)}:${json}`;
  }
  return text === '' ? '{}' : `${text}}`;
}

/** Messages seen once (their text not kept), and the texts of messages seen more often. */
const seenOnce = new WeakSet<object>();
const kept = new WeakMap<object, string>();

function messagesJson(messages: readonly ChatMessage[]): string {
  let text = '[';
  for (let index = 0; index < messages.length; index += 1) {
    if (index > 0) text += ',';
    text += messageJson(messages[index]);
  }
  return `${text}]`;
}

function messageJson(message: ChatMessage | undefined): string {
  // What JSON.stringify writes for an array element it cannot write.
  if (typeof message !== 'object' || message === null) return JSON.stringify(message) ?? 'null';
  const known = kept.get(message);
  if (known !== undefined) return known;
  const json = JSON.stringify(message);
  if (seenOnce.has(message)) kept.set(message, json);
  else seenOnce.add(message);
  return json;
}
