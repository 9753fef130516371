import { createHash, type Hash } from 'node:crypto';
import type { ChatMessage } from '../spec/index.ts';

/** A SHA-256 state after `head` and the first messages of a request, kept for the next request that starts the same. */
interface PrefixState {
  readonly head: string;
  readonly messages: readonly ChatMessage[];
  /** Each message's role and content when the state was made: a message changed since then is not the same. */
  readonly roles: readonly string[];
  readonly contents: readonly string[];
  readonly hash: Hash;
}

/** By the last message of a prefix: the state after it. Keyed weakly, a state lives as long as the messages it hashed. */
const states = new WeakMap<ChatMessage, PrefixState>();

function samePrefix(
  state: PrefixState,
  head: string,
  messages: readonly ChatMessage[],
  count: number,
): boolean {
  if (state.head !== head || state.messages.length !== count) return false;
  for (let index = 0; index < count; index += 1) {
    const message = messages[index] as ChatMessage;
    if (
      message.role !== state.roles[index] ||
      message.content !== state.contents[index] ||
      // Stryker disable next-line ConditionalExpression: another object with the role and content recorded writes the same text (only reuse is gained)
      message !== state.messages[index]
    )
      return false;
  }
  return true;
}

/**
 * A SHA-256 that has been fed `head`, then the texts of `messages[0]` … `messages[count - 1]` each followed by
 * ',' (`writeMessage` writes one). Requests that share their first messages as the same objects (a
 * benchmark's few-shot turns) share that work: after the first such request, the state is copied instead of
 * hashing the prefix again. The digest is the same either way.
 */
export function sharedPrefixHash(
  head: string,
  messages: readonly ChatMessage[],
  count: number,
  writeMessage: (hash: Hash, messages: readonly ChatMessage[], index: number) => void,
): Hash {
  // With count 0 there is no last message (index -1), and a WeakMap has nothing under undefined.
  const last = messages[count - 1];
  const state = states.get(last as ChatMessage);
  if (state && samePrefix(state, head, messages, count)) return state.hash.copy();
  const hash = createHash('sha256').update(head);
  for (let index = 0; index < count; index += 1) {
    writeMessage(hash, messages, index);
    hash.update(',');
  }
  if (last === undefined) return hash;
  // Kept for the next request that starts with the same messages (an MMLU subject's few-shot turns: one state
  // per subject); a prefix never met again goes with its messages.
  const prefix = messages.slice(0, count);
  states.set(last, {
    head,
    messages: prefix,
    roles: prefix.map((message) => message.role),
    contents: prefix.map((message) => message.content),
    hash,
  });
  return hash.copy();
}
