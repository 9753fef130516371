import type { ChatMessage, GenerationParameters } from '../spec/index.ts';

/**
 * openai/simple-evals `sampler/chat_completion_sampler.py` `OPENAI_SYSTEM_MESSAGE_API`, the system message
 * `simple_evals.py` gives every GPT-4o / GPT-4.1 sampler (the samplers of its published tables).
 */
export const SIMPLE_EVALS_SYSTEM_MESSAGE = 'You are a helpful assistant.';

/**
 * The sampling of those samplers: `ChatCompletionSampler` defaults to temperature 0.5, and `simple_evals.py`
 * sets `max_tokens=2048` for the GPT-4o / GPT-4.1 ones.
 */
export const SIMPLE_EVALS_PARAMETERS: GenerationParameters = { temperature: 0.5, maxTokens: 2048 };

/**
 * The messages and parameters simple-evals sends for one prompt: its system message, then the prompt as the user
 * message. `greedy` gives parity's named variant: the same request at temperature 0.
 */
export function simpleEvalsRequest(prompt: string, options: { greedy: boolean }) {
  const messages: ChatMessage[] = [
    { role: 'system', content: SIMPLE_EVALS_SYSTEM_MESSAGE },
    { role: 'user', content: prompt },
  ];
  const parameters: GenerationParameters = options.greedy
    ? { ...SIMPLE_EVALS_PARAMETERS, temperature: 0 }
    : SIMPLE_EVALS_PARAMETERS;
  return { messages, parameters: { ...parameters } };
}
