import type { GenerateRequest, ModelResponse } from '../spec/index.ts';

function sameMessages(sent: readonly unknown[], request: GenerateRequest): boolean {
  const { messages } = request;
  if (sent.length !== messages.length) return false;
  return sent.every((entry, index) => {
    const message = messages[index];
    if (!entry || typeof entry !== 'object' || message === undefined) return false;
    const record = entry as Record<string, unknown>;
    return (
      Object.keys(record).length === 2 && record.role === message.role && record.content === message.content
    );
  });
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
  const { messages, ...rest } = body as Record<string, unknown>;
  if (!Array.isArray(messages) || !sameMessages(messages, request)) return response;
  return { ...response, raw: { ...raw, request: { ...rest, omitted_messages: messages.length } } };
}
