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
 * made from; a message changed in place is serialized again. The other fields are few and small, serialized
 * one by one (none of them has a `toJSON`, whose key argument would differ).
 */
export function chatBodyJson(body: object, sources: readonly ChatMessage[]): JsonPieces {
  const pieces = new JsonPieces();
  let first = true;
  for (const key of Object.keys(body)) {
    const value: unknown = (body as Record<string, unknown>)[key];
    if (key === 'messages' && Array.isArray(value)) {
      pieces.addText(first ? '{"messages":[' : ',"messages":[');
      addMessages(pieces, value as ChatWireMessage[], sources);
      pieces.addText(']');
    } else {
      // JSON.stringify leaves out a property whose value it cannot write (undefined, a function).
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      pieces.addText(`${first ? '{' : ','}${JSON.stringify(key)}:${json}`);
    }
    first = false;
  }
  pieces.addText(first ? '{}' : '}');
  return pieces;
}

function addMessages(pieces: JsonPieces, messages: ChatWireMessage[], sources: readonly ChatMessage[]): void {
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index] as ChatWireMessage;
    const source = sources[index];
    const known = typeof source === 'object' && source !== null ? kept.get(source) : undefined;
    if (known !== undefined && known !== seenOnce) {
      if (known.role === message.role && known.content === message.content) {
        pieces.addBytes(index === 0 ? known.first : known.bytes);
        continue;
      }
    }
    const json = JSON.stringify(message) ?? 'null';
    pieces.addText(index === 0 ? json : `,${json}`);
    if (known === undefined) {
      if (source !== undefined) kept.set(source, seenOnce);
    } else if (typeof message.role === 'string' && typeof message.content === 'string') {
      const bytes = Buffer.from(`,${json}`);
      kept.set(source as ChatMessage, {
        role: message.role,
        content: message.content,
        bytes,
        first: bytes.subarray(1),
      });
    }
  }
}
