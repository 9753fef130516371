import { responseCacheKey } from '../runner/cache-key.ts';
import { runRequests, type RequestOutcome } from '../runner/run-requests.ts';
import type { RequestGate } from '../runner/request-gate.ts';
import type { RunnerEvent } from '../runner/runner-event.ts';
import type {
  GenerateRequest,
  ItemStep,
  LanguageModel,
  ModelResponse,
  StepContext,
  StepRequestOptions,
} from '../spec/index.ts';
import { CancelledError, InputError } from '../spec/index.ts';

export interface StepContextOptions {
  readonly itemId: string;
  /** Answers the 'model' steps; absent when `answers` replays answers produced elsewhere. */
  readonly model?: LanguageModel;
  /** `parity score mtbench --samples`: the answer text per 'model' step name ('turn1', 'turn2'). */
  readonly answers?: ReadonlyMap<string, string>;
  readonly judge?: LanguageModel;
  readonly judgeRepeats: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly getCached: (cacheKey: string) => ModelResponse | undefined;
  /** Stores a fresh response under its key (each step is cached on its own, so a re-run is cheap). */
  readonly putCached?: (cacheKey: string, response: ModelResponse) => void;
  /** Replaces the 'model' steps' sampling settings (`--temperature`, `--top-p`); judge requests stay as built. */
  readonly modelRequest?: (request: GenerateRequest) => GenerateRequest;
  readonly signal?: AbortSignal;
  /** `request-start` and `retry` events of every step; the caller emits one `request-end` per item. */
  readonly onEvent?: (event: RunnerEvent) => void;
  /** Adaptive concurrency and per-minute limits of the model's or the judge's endpoint and key. */
  readonly gateFor?: (model: LanguageModel) => RequestGate | undefined;
}

/**
 * The StepContext of one multi-step item: each request runs through `runRequests` (cache, retries with
 * backoff, timeout, cancellation) on the evaluated model or the judge, and is appended to `steps` as sent and
 * answered. A step that fails for good rejects with its error; a cancelled one with CancelledError.
 */
export function createStepContext(options: StepContextOptions): {
  context: StepContext;
  steps: ItemStep[];
  /** The step sent last (the one that failed, when `runSteps` rejects). */
  lastStep: () => StepRequestOptions | undefined;
} {
  const steps: ItemStep[] = [];
  let last: StepRequestOptions | undefined;
  const generate = async (request: GenerateRequest, step: StepRequestOptions): Promise<ModelResponse> => {
    last = step;
    const repeat = step.repeat ?? 0;
    const base = { name: step.name, role: step.role, ...(repeat > 0 ? { repeat } : {}) };
    if (step.role === 'model' && options.answers) {
      const text = options.answers.get(step.name);
      if (text === undefined) throw new InputError(`item ${options.itemId} has no answer for ${step.name}`);
      const response: ModelResponse = {
        text,
        finishReason: 'unknown',
        usage: {},
        timing: { totalMs: 0 },
        prefillApplied: false,
      };
      steps.push({ ...base, request, response, cached: true, attempts: 0, cacheKey: '' });
      return response;
    }
    const model = step.role === 'judge' ? options.judge : options.model;
    if (!model) throw new InputError(`no ${step.role} model for step ${step.name}`, { location: '--judge' });
    const sent = step.role === 'model' && options.modelRequest ? options.modelRequest(request) : request;
    const cacheKey = responseCacheKey({ model: model.identity, request: sent, sample: repeat });
    let outcome: RequestOutcome | undefined;
    const gate = options.gateFor?.(model);
    const result = await runRequests({
      model,
      ...(gate ? { gate } : {}),
      plan: [{ itemId: options.itemId, sample: 0, request: sent, cacheKey }],
      concurrency: 1,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      getCached: options.getCached,
      onOutcome: (delivered) => (outcome = delivered),
      onEvent: (event) => {
        if (event.type !== 'request-end') options.onEvent?.(event);
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.cancelled || outcome === undefined) throw new CancelledError();
    if (!outcome.response) throw outcome.error ?? new Error(`step ${step.name}: no response`);
    // The raw exchange repeats the request; steps keep the request once, with text, usage and timing.
    const { raw: _raw, ...response } = outcome.response;
    if (!outcome.cached) options.putCached?.(cacheKey, response);
    steps.push({
      ...base,
      request: sent,
      response,
      cached: outcome.cached,
      attempts: outcome.attempts,
      cacheKey,
    });
    return response;
  };
  const context: StepContext = {
    generate,
    judgeRepeats: options.judgeRepeats,
    ...(options.model && !options.answers ? { model: options.model.identity } : {}),
    ...(options.judge ? { judge: options.judge.identity } : {}),
  };
  return { context, steps, lastStep: () => last };
}
