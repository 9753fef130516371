import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type { FinishReason, Usage } from '../../spec/language-model.ts';

export interface LocalCompletionRequest {
  readonly prompt: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
  /** Called with each piece of text as it is generated. */
  readonly onText?: (delta: string, atMs: number) => void;
}

export interface LocalCompletionResult {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
}

/** Raw-text completion (no chat template) on the given sequence, cleared first. */
export async function completeLocalText(options: {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  request: LocalCompletionRequest;
  signal: AbortSignal | undefined;
  now: () => number;
}): Promise<LocalCompletionResult> {
  const { request, sequence } = options;
  const { LlamaCompletion } = await import('node-llama-cpp');
  await sequence.clearHistory();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  const startMs = options.now();
  const meterBefore = sequence.tokenMeter.getState();
  try {
    const stop = (request.stop ?? []).filter((marker) => marker !== '');
    const response = await completion.generateCompletionWithMeta(request.prompt, {
      maxTokens:
        request.maxTokens ??
        Math.max(1, sequence.contextSize - options.model.tokenize(request.prompt).length - 1),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.topP === undefined ? {} : { topP: request.topP }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(stop.length > 0 ? { customStopTriggers: stop } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(request.onText
        ? { onTextChunk: (chunk: string) => request.onText?.(chunk, options.now() - startMs) }
        : {}),
    });
    const used = sequence.tokenMeter.diff(meterBefore);
    const reason = response.metadata.stopReason;
    return {
      text: response.response,
      finishReason: reason === 'maxTokens' ? 'length' : reason === 'abort' ? 'other' : 'stop',
      usage: { inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens },
    };
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}
