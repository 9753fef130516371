import type { GenerateRequest } from '../../spec/language-model.ts';

/**
 * The raw-text prompt a completions endpoint gets for chat messages: the contents joined by a blank line,
 * with no role markers, then the assistant prefix (after a blank line) when there is one. A single user
 * message is sent exactly as written. Base models see plain text; instruct models are better served by chat.
 */
export function renderPrompt(request: GenerateRequest): string {
  const parts = request.messages.map((message) => message.content);
  const prompt = parts.join('\n\n');
  return request.assistantPrefix ? `${prompt}\n\n${request.assistantPrefix}` : prompt;
}
