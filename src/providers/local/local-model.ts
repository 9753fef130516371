import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError, ProviderError } from '../../spec/errors.ts';
import type {
  CallOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  LogLikelihoodRequest,
  LogLikelihoodResult,
  StreamPart,
} from '../../spec/language-model.ts';
import { deadlineError, startCallDeadline } from '../shared/call-deadline.ts';
import { offersTools, toolsRefusal } from '../shared/tools-refusal.ts';
import { generateLocalChat } from './local-chat.ts';
import {
  completeLocalText,
  type LocalCompletionRequest,
  type LocalCompletionResult,
} from './local-completion.ts';
import { scoreContinuation, scoreText, type TokenLogprobs } from './local-scoring.ts';
import { disposeLlamaModel, loadLlamaModel, type LoadedLlamaModel } from './load-llama-model.ts';
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

const provider = 'local';

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
  const queue = new SerialQueue();
  let loading: Promise<LoadedLlamaModel> | undefined;

  /**
   * Runs a task on the loaded model, after the tasks before it: the caller's abort drops it from the line; the
   * timeout starts when it reaches the model. Errors become InputError/ProviderError naming the model path.
   */
  async function queued<T>(
    callOptions: CallOptions,
    task: (loaded: LoadedLlamaModel, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    loading ??= loadLlamaModel({
      modelPath,
      threads: options.threads ?? 1,
      contextSize: options.contextSize,
      gpu: options.gpu,
    });
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

  // No tools through node-llama-cpp's chat here: a request with tools is refused, never answered without them.
  // A schema (`responseSchema`) is left to the prompt, as the spec says of providers without a structured-output
  // mode; protocols that need either are refused before a run (its registry entry, local-provider.ts).
  const generate = (request: GenerateRequest, callOptions: CallOptions): Promise<GenerateResult> =>
    offersTools(request)
      ? Promise.reject(toolsRefusal(provider))
      : queued(callOptions, (loaded, signal) => generateLocalChat({ ...loaded, request, signal, now }));

  return {
    identity: { provider, endpoint: modelPath, modelId: basename(modelPath) },
    generate,
    stream(request: GenerateRequest, callOptions: CallOptions): AsyncIterable<StreamPart> {
      return streamFromCallbacks<GenerateResult>({
        now,
        start: (onText) =>
          offersTools(request)
            ? Promise.reject(toolsRefusal(provider))
            : queued(callOptions, (loaded, signal) =>
                generateLocalChat({ ...loaded, request, signal, now, onText }),
              ),
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
    // The context parity itself loads the model with (`contextSize`, else the model's own, at most 8192).
    contextWindow: (callOptions) =>
      queued(callOptions, (loaded) =>
        Promise.resolve({
          tokens: loaded.context.contextSize,
          source:
            options.contextSize === undefined
              ? "the context parity loads the model with (the model's own, at most 8192)"
              : 'the context parity loads the model with (--context-size)',
        }),
      ),
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
      await disposeLlamaModel(loaded);
    },
  };
}
