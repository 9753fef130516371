import type { GenerateRequest, ModelResponse } from '../spec/index.ts';

/** True when `record`'s own enumerable keys are `role` and `content` and nothing else (no array of keys made). */
function onlyRoleAndContent(record: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key !== 'role' && key !== 'content') return false;
    keys += 1;
  }
  return keys === 2;
}

function sameMessages(sent: readonly unknown[], request: GenerateRequest): boolean {
  const { messages } = request;
  if (sent.length !== messages.length) return false;
  // A plain loop: no closure per response.
  for (let index = 0; index < sent.length; index += 1) {
    const entry = sent[index];
    const message = messages[index];
    if (!entry || typeof entry !== 'object' || message === undefined) return false;
    const record = entry as Record<string, unknown>;
    if (record.role !== message.role || record.content !== message.content || !onlyRoleAndContent(record))
      return false;
  }
  return true;
}

/**
 * The response as the run store keeps it: when the raw request body's `messages` are exactly the item's request
 * messages (role and content, in order), they are left out of `raw.request` and `omitted_messages` says how
 * many there were. A 5-shot MMLU item then stores its prompt once instead of three times (request, response,
 * cache entry); every other field of the body as sent stays (docs/decisions/0140).
 */
export function withoutEchoedMessages(response: ModelResponse, request: GenerateRequest): ModelResponse {
  const raw = response.raw;
  const body = raw?.request;
  if (!raw || !body || typeof body !== 'object' || Array.isArray(body)) return response;
  const record = body as Record<string, unknown>;
  const { messages } = record;
  if (!Array.isArray(messages) || !sameMessages(messages, request)) return response;
  // The body's other fields in their order, then the count (one copy of the body, not two).
  const compact: Record<string, unknown> = {};
  for (const key in record) {
    if (key !== 'messages' && Object.hasOwn(record, key)) compact[key] = record[key];
  }
  compact.omitted_messages = messages.length;
  return { ...response, raw: { ...raw, request: compact } };
}
