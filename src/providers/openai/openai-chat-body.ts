import type { ChatMessage } from '../../spec/language-model.ts';
import { JsonPieces } from '../shared/json-pieces.ts';

/** A chat message as the chat-completions endpoint takes it. */
export interface ChatWireMessage {
  role: string;
  content: string;
}

/**
 * The wire form of `messages`: new objects of role and content only, made here so that chatBodyJson knows
 * their exact shape (and so that a caller's message objects never reach the recorded exchange).
 */
export function chatWireMessages(messages: readonly ChatMessage[]): ChatWireMessage[] {
  return messages.map((message) => ({ role: message.role, content: message.content }));
}

/** The JSON of a message seen in more than one request: with a leading comma, and what it was made from. */
interface KeptMessage {
  readonly role: string;
  readonly content: string;
  /** UTF-8 of `,` and the message's JSON. */
  readonly bytes: Buffer;
  /** The same without the comma, for the first message. */
  readonly first: Buffer;
}

/** Marks a message seen in one request so far (nothing kept: the item's own question is seen once). */
const seenOnce = 0;

/** Per source message object, while it lives. */
const kept = new WeakMap<object, KeptMessage | typeof seenOnce>();

/**
 * A chat-completions body's JSON, byte for byte `JSON.stringify(body)`, with the messages that earlier requests
 * sent too taken from their kept bytes (docs/decisions/0330): an MMLU 5-shot request shares ten example turns
 * (~4 kB) with every item of its subject, and only its question and a few small fields are new. `sources` are
 * the messages `body.messages` was made from by chatWireMessages, index for index; they only key the kept
 * bytes. Kept bytes are used only when the wire message's role and content are the very strings they were
 * made from; a message changed in place is serialized again.
 */
export function chatBodyJson(body: object, sources: readonly ChatMessage[]): JsonPieces {
  const pieces = new JsonPieces();
  const fields = body as Record<string, unknown>;
  const messages = fields.messages;
  if (!Array.isArray(messages) || !onlyPlainValuesBeforeMessages(fields)) {
    pieces.addText(JSON.stringify(body));
    return pieces;
  }
  // The other fields in one JSON.stringify (each call costs ~0.3 µs, however small its value): `messages` is 0
  // meanwhile, and its place in the text is the first `"messages":0`. Only plain values come before it, and
  // their JSON cannot hold that text: in a JSON string every `"` is escaped, and this one's second `"` is not.
  fields.messages = 0;
  let text: string;
  try {
    text = JSON.stringify(body);
  } finally {
    fields.messages = messages;
  }
  const at = text.indexOf('"messages":0');
  pieces.addText(`${text.slice(0, at)}"messages":[`);
  addMessages(pieces, messages as ChatWireMessage[], sources);
  pieces.addText(`]${text.slice(at + '"messages":0'.length)}`);
  return pieces;
}

/** Whether every field before `messages` is a string, number, boolean, null or undefined (`model`: a string). */
function onlyPlainValuesBeforeMessages(fields: Record<string, unknown>): boolean {
  for (const key in fields) {
    if (key === 'messages') return true;
    const value = fields[key];
    if (typeof value === 'object' ? value !== null : typeof value === 'function') return false;
  }
  return false;
}

function addMessages(pieces: JsonPieces, messages: ChatWireMessage[], sources: readonly ChatMessage[]): void {
  const last = messages.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const message = messages[index] as ChatWireMessage;
    const source: unknown = sources[index];
    const known = typeof source === 'object' && source !== null ? kept.get(source) : undefined;
    if (known !== undefined && known !== seenOnce) {
      if (known.role === message.role && known.content === message.content) {
        pieces.addBytes(index === 0 ? known.first : known.bytes);
        continue;
      }
    }
    const json = JSON.stringify(message) ?? 'null';
    pieces.addText(index === 0 ? json : `,${json}`);
    if (typeof source !== 'object' || source === null) continue;
    if (known === undefined) {
      // The last turn (an item's own question) is left unmarked: it is rarely seen again, and marking it would
      // cost every request a WeakMap entry. Seen again before the last place, it is marked then.
      if (index < last) kept.set(source, seenOnce);
    } else if (typeof message.role === 'string' && typeof message.content === 'string') {
      const bytes = Buffer.from(`,${json}`);
      kept.set(source, { role: message.role, content: message.content, bytes, first: bytes.subarray(1) });
    }
  }
}
