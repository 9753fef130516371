import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type {
  ChatHistoryItem,
  Llama,
  LlamaChatSession,
  LlamaContext,
  LlamaContextSequence,
  LlamaModel,
} from 'node-llama-cpp';
import { InputError, ProviderError } from '../../spec/errors.ts';
import type {
  CallOptions,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LogLikelihoodRequest,
  LogLikelihoodResult,
  StreamPart,
} from '../../spec/language-model.ts';
import { deadlineError, startCallDeadline } from '../shared/call-deadline.ts';
import {
  completeLocalText,
  type LocalCompletionRequest,
  type LocalCompletionResult,
} from './local-completion.ts';
import { scoreContinuation, scoreText, type TokenLogprobs } from './local-scoring.ts';
import { SerialQueue } from './serial-queue.ts';
import { streamFromCallbacks } from './stream-from-callbacks.ts';

/** The embedded engine: a LanguageModel plus raw-text completion and token scoring, for `parity serve`. */
export interface LocalModel extends LanguageModel {
  readonly stream: NonNullable<LanguageModel['stream']>;
  readonly logLikelihood: NonNullable<LanguageModel['logLikelihood']>;
  /** Raw text in, raw text out (no chat template), like `/v1/completions`. */
  complete(request: LocalCompletionRequest, options: CallOptions): Promise<LocalCompletionResult>;
  /** Log-probability of every token of `text` (OpenAI `echo` + `logprobs`). */
  scoreText(text: string, options: CallOptions): Promise<TokenLogprobs>;
}

export interface LocalModelOptions {
  /** Path of a .gguf file; relative paths are resolved against the working directory. */
  readonly modelPath: string;
  /** CPU threads for evaluation. Default 1 (node-llama-cpp's own default oversubscribes small machines). */
  readonly threads?: number;
  /** Context window in tokens. Default: the model's training context, at most 8192. */
  readonly contextSize?: number;
  /** GPU use. Default false (CPU only). */
  readonly gpu?: false | 'auto';
  /** Clock for timings, in milliseconds (any origin). */
  readonly now: () => number;
}

interface Loaded {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly session: LlamaChatSession;
  /** A second sequence for raw completions and scoring, so the chat session's state stays its own. */
  readonly scoring: LlamaContextSequence;
}

const provider = 'local';
const defaultContextCap = 8192;

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
  let end = text.length;
  for (const marker of stop ?? []) {
    if (marker === '') continue;
    const position = text.indexOf(marker);
    if (position !== -1 && position < end) end = position;
  }
  return text.slice(0, end);
}

async function assertGguf(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (magic.toString('latin1') !== 'GGUF') {
      throw new InputError('not a GGUF model file (it does not start with "GGUF")', { location: path });
    }
  } finally {
    await handle.close();
  }
}

/**
 * A LanguageModel running a GGUF file in-process with node-llama-cpp. The model loads on the first call;
 * calls are served one at a time, in order, on one reused chat session (the KV cache of a shared prompt
 * prefix is reused, reported as cachedInputTokens). `assistantPrefix` is prefilled (`prefillApplied: true`)
 * and `text` holds only the continuation. Without `maxTokens`, generation stops at the context size.
 */
export function createLocalModel(options: LocalModelOptions): LocalModel {
  const modelPath = resolve(options.modelPath);
  if (!existsSync(modelPath)) throw new InputError('model file not found', { location: modelPath });
  if (!statSync(modelPath).isFile())
    throw new InputError('model path is not a file', { location: modelPath });
  const now = options.now;
  const threads = options.threads ?? 1;
  const queue = new SerialQueue();
  let loading: Promise<Loaded> | undefined;

  async function load(): Promise<Loaded> {
    await assertGguf(modelPath);
    const { getLlama, LlamaChatSession, LlamaLogLevel } = await import('node-llama-cpp');
    const llama = await getLlama({
      gpu: options.gpu ?? false,
      build: 'never',
      maxThreads: threads,
      logLevel: LlamaLogLevel.error,
    });
    try {
      const model = await llama.loadModel({ modelPath });
      const contextSize = options.contextSize ?? Math.min(model.trainContextSize, defaultContextCap);
      const context = await model.createContext({ contextSize, sequences: 2, threads });
      const session = new LlamaChatSession({ contextSequence: context.getSequence() });
      return { llama, model, context, session, scoring: context.getSequence() };
    } catch (error) {
      await llama.dispose();
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`cannot load the model: ${reason}`, { location: modelPath, cause: error });
    }
  }

  async function run(
    loaded: Loaded,
    request: GenerateRequest,
    signal: AbortSignal | undefined,
    onText?: (delta: string, atMs: number) => void,
  ) {
    const { history, prompt } = toChatHistory(request);
    const { session, context } = loaded;
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
      ...(signal ? { signal } : {}),
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
    const result: GenerateResult = {
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
    return result;
  }

  /**
   * Runs a task on the loaded model, after the tasks before it: the caller's abort drops it from the line; the
   * timeout starts when it reaches the model. Errors become InputError/ProviderError naming the model path.
   */
  async function queued<T>(
    callOptions: CallOptions,
    task: (loaded: Loaded, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    loading ??= load();
    const loaded = await loading;
    const deadline = startCallDeadline(callOptions.signal ? { signal: callOptions.signal } : {});
    try {
      return await queue.run(
        async () => {
          const timed = startCallDeadline({ signal: deadline.signal, timeoutMs: callOptions.timeoutMs });
          try {
            return await task(loaded, timed.signal);
          } catch (error) {
            if (timed.firedBy === 'timeout') {
              throw deadlineError({ deadline: timed, callOptions, provider, target: modelPath });
            }
            throw error;
          } finally {
            timed.dispose();
          }
        },
        deadline.signal ? { signal: deadline.signal } : {},
      );
    } catch (error) {
      if (deadline.firedBy !== undefined) {
        throw deadlineError({ deadline, callOptions, provider, target: modelPath });
      }
      if (error instanceof InputError || error instanceof ProviderError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      if (/too long prompt|context shift|context size/i.test(reason)) {
        const contextSize = (await loading)?.context.contextSize;
        throw new ProviderError({
          provider,
          message: `the prompt does not fit in the context window of ${contextSize} tokens (${modelPath}); use a larger context size`,
          isRetryable: false,
          cause: error,
        });
      }
      throw new ProviderError({
        provider,
        message: `generation failed (${modelPath}): ${reason.split('\n')[0]}`,
        isRetryable: false,
        cause: error,
      });
    } finally {
      deadline.dispose();
    }
  }

  async function logLikelihood(
    request: LogLikelihoodRequest,
    callOptions: CallOptions,
  ): Promise<LogLikelihoodResult> {
    const startMs = now();
    return await queued(callOptions, async (loaded) => {
      const scored = [];
      for (const continuation of request.continuations) {
        scored.push(
          await scoreContinuation({
            model: loaded.model,
            sequence: loaded.scoring,
            context: request.context,
            continuation,
          }),
        );
      }
      return {
        logLikelihoods: scored.map((entry) => entry.logLikelihood),
        isGreedy: scored.map((entry) => entry.isGreedy),
        usage: { inputTokens: scored.reduce((total, entry) => total + entry.tokens, 0) },
        timing: { totalMs: now() - startMs },
      };
    });
  }

  const generate = (request: GenerateRequest, callOptions: CallOptions): Promise<GenerateResult> =>
    queued(callOptions, (loaded, signal) => run(loaded, request, signal));

  return {
    identity: { provider, endpoint: modelPath, modelId: basename(modelPath) },
    generate,
    stream(request: GenerateRequest, callOptions: CallOptions): AsyncIterable<StreamPart> {
      return streamFromCallbacks<GenerateResult>({
        now,
        start: (onText) => queued(callOptions, (loaded, signal) => run(loaded, request, signal, onText)),
        finish: (result) => ({
          type: 'finish',
          finishReason: result.finishReason,
          usage: result.usage,
          atMs: result.timing.totalMs,
          prefillApplied: result.prefillApplied,
        }),
      });
    },
    logLikelihood,
    complete: (request, callOptions) =>
      queued(callOptions, (loaded, signal) =>
        completeLocalText({ model: loaded.model, sequence: loaded.scoring, request, signal, now }),
      ),
    scoreText: (text, callOptions) =>
      queued(callOptions, (loaded) => scoreText({ model: loaded.model, sequence: loaded.scoring, text })),
    async close(): Promise<void> {
      if (!loading) return;
      const current = loading;
      loading = undefined;
      const loaded = await current.catch(() => undefined);
      if (!loaded) return;
      // Let a running generation finish before the native memory goes away.
      await queue.run(async () => undefined);
      loaded.session.dispose();
      await loaded.context.dispose();
      await loaded.model.dispose();
      await loaded.llama.dispose();
    },
  };
}
