import type { ChatMessage, GenerateRequest } from '../spec/index.ts';
import { fillTemplate } from './fill-template.ts';
import type { GenerationSettings, TaskPrompt } from './task-schema.ts';

/**
 * The request for one item of a task or a benchmark definition: the prompt's `{{var}}` templates filled with the
 * item's variables (an unknown variable throws InputError naming `where`), at the generation settings
 * (temperature 0 unless given). Parameters are written in one order (temperature, topP, maxTokens, stop, seed):
 * stored requests and cache keys depend on it.
 */
export function templatedRequest(
  prompt: TaskPrompt,
  generation: GenerationSettings | undefined,
  variables: Readonly<Record<string, unknown>>,
  where: string,
): GenerateRequest {
  const fill = (text: string): string => fillTemplate(text, variables, where);
  const messages: ChatMessage[] =
    'messages' in prompt
      ? prompt.messages.map((message) => ({ role: message.role, content: fill(message.content) }))
      : [
          ...(prompt.system === undefined ? [] : [{ role: 'system' as const, content: fill(prompt.system) }]),
          { role: 'user' as const, content: fill(prompt.user) },
        ];
  const settings = generation ?? {};
  return {
    messages,
    parameters: {
      temperature: settings.temperature ?? 0,
      ...(settings.top_p === undefined ? {} : { topP: settings.top_p }),
      ...(settings.max_tokens === undefined ? {} : { maxTokens: settings.max_tokens }),
      ...(settings.stop === undefined ? {} : { stop: settings.stop }),
      ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    },
  };
}
