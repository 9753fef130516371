import type { ChatHistoryItem, LlamaChatSession, LlamaContext } from 'node-llama-cpp';
import { InputError } from '../../spec/errors.ts';
import type { FinishReason, GenerateRequest, GenerateResult } from '../../spec/language-model.ts';
import { earliestStopIndex, splitStopSequences } from '../shared/stop-sequences.ts';

const stopReasons: Readonly<Record<string, FinishReason>> = {
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
  maxTokens: 'length',
  functionCalls: 'tool-calls',
};

/** Splits chat messages into node-llama-cpp history and the prompt (the last message, which must be the user's). */
function toChatHistory(request: GenerateRequest): { history: ChatHistoryItem[]; prompt: string } {
  const last = request.messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new InputError('the last message must be a user message for a local model', {
      location: 'request.messages',
    });
  }
  const history: ChatHistoryItem[] = [];
  for (let index = 0; index < request.messages.length - 1; index++) {
    const message = request.messages[index];
    if (message === undefined) continue;
    if (message.role === 'assistant') history.push({ type: 'model', response: [message.content] });
    else history.push({ type: message.role, text: message.content });
  }
  return { history, prompt: last.content };
}

/** Cuts the text at the first occurrence of any stop string. */
function cutAtStop(text: string, stop: readonly string[] | undefined): string {
  const position = earliestStopIndex(text, splitStopSequences(stop, { serverLimit: 0 }).client);
  return position === -1 ? text : text.slice(0, position);
}

/**
 * One chat turn on the reused session (its KV cache of a shared prompt prefix is reused, reported as
 * cachedInputTokens). `assistantPrefix` is prefilled and `text` holds only the continuation; `onText` gets
 * each piece beyond the prefix as it comes. Without `maxTokens`, generation stops at the context size.
 */
export async function generateLocalChat(options: {
  session: LlamaChatSession;
  context: LlamaContext;
  request: GenerateRequest;
  signal: AbortSignal | undefined;
  now: () => number;
  onText?: ((delta: string, atMs: number) => void) | undefined;
}): Promise<GenerateResult> {
  const { session, context, request, now, onText } = options;
  const { history, prompt } = toChatHistory(request);
  const sequence = session.sequence;
  const parameters = request.parameters;
  const prefix = request.assistantPrefix ?? '';
  session.setChatHistory(history);
  const meterBefore = sequence.tokenMeter.getState();
  const startMs = now();
  let ttftMs: number | undefined;
  let charactersSeen = 0;
  let emitted = '';
  const response = await session.promptWithMeta(prompt, {
    maxTokens: parameters.maxTokens ?? context.contextSize,
    temperature: parameters.temperature,
    topP: parameters.topP,
    seed: parameters.seed,
    ...(parameters.stop && parameters.stop.length > 0 ? { customStopTriggers: [...parameters.stop] } : {}),
    ...(prefix ? { responsePrefix: prefix } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onTextChunk(chunk) {
      // The prefix comes back as the first chunks; the first token is the first character beyond it.
      const before = charactersSeen;
      charactersSeen += chunk.length;
      if (ttftMs === undefined && charactersSeen > prefix.length) ttftMs = now() - startMs;
      if (onText && charactersSeen > prefix.length) {
        const delta = chunk.slice(Math.max(0, prefix.length - before));
        emitted += delta;
        onText(delta, now() - startMs);
      }
    },
  });
  const totalMs = now() - startMs;
  let text = response.responseText;
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
  text = cutAtStop(text, parameters.stop);
  // Streamed chunks may run past a stop string node-llama-cpp caught late; the final text is authoritative.
  if (onText && emitted !== text && !emitted.startsWith(text))
    onText(text.slice(emitted.length), now() - startMs);
  const used = sequence.tokenMeter.diff(meterBefore);
  const promptTokens = Math.max(0, sequence.contextTokens.length - used.usedOutputTokens);
  return {
    text,
    finishReason: stopReasons[response.stopReason] ?? 'other',
    usage: {
      inputTokens: promptTokens,
      cachedInputTokens: Math.max(0, promptTokens - used.usedInputTokens),
      outputTokens: used.usedOutputTokens,
    },
    timing: ttftMs === undefined ? { totalMs } : { ttftMs, totalMs },
    prefillApplied: prefix !== '',
  };
}
