import { setMaxListeners } from 'node:events';
import type { Item, ItemRecord, ItemScore } from '../spec/index.ts';
import { itemKey } from '../spec/index.ts';
import { responseCacheKey } from '../runner/cache-key.ts';
import { withoutEchoedMessages } from '../runner/compact-raw-request.ts';
import { runRequests, type PlannedRequest, type RequestOutcome } from '../runner/run-requests.ts';
import { createBatchedItemRecorder } from '../store/batched-item-recorder.ts';
import type { EvaluationOptions, EvaluationResult } from './evaluation-options.ts';
import { codeScorerOf, isMultiStep, logLikelihoodRequestOf } from './protocol-kind.ts';
import { applyGenerationOverrides, withSampling } from './request-settings.ts';
import { runStepEvaluation } from './run-step-evaluation.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields every record of `item` starts with, in the order stored records have always had them. */
function recordBase(
  item: Item,
  planned: PlannedRequest,
  cached: boolean,
  attempts: number,
): Pick<ItemRecord, 'itemId' | 'sample' | 'group' | 'request' | 'cached' | 'attempts' | 'cacheKey'> {
  return item.group === undefined
    ? {
        itemId: item.id,
        sample: planned.sample,
        request: planned.request,
        cached,
        attempts,
        cacheKey: planned.cacheKey,
      }
    : {
        itemId: item.id,
        sample: planned.sample,
        group: item.group,
        request: planned.request,
        cached,
        attempts,
        cacheKey: planned.cacheKey,
      };
}

/**
 * Evaluates the items of a run that are not yet completed: builds each request, runs it (or takes it from
 * the cache), scores the response and stores the record as soon as it completes. Calling it again on the
 * same run id finishes an interrupted run without requesting a completed item again.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationResult> {
  // Multi-step protocols (MT-Bench: two turns, then the judge) run item by item instead.
  if (isMultiStep(options.protocol)) return runStepEvaluation(options);
  const { store, runId, model, protocol } = options;
  const completedKeys = store.completedItemKeys(runId);
  const samples = options.samples ?? 1;
  // Keyed by itemKey(id, sample): each sample of an item is requested and recorded on its own.
  const itemsById = new Map<string, Item>();
  for (const item of options.items) {
    for (let sample = 0; sample < samples; sample += 1) {
      if (!completedKeys.has(itemKey(item.id, sample))) itemsById.set(itemKey(item.id, sample), item);
    }
  }
  // Requests are built as the runner pulls them, so a large run never holds every prompt at once.
  function* plan(): Generator<PlannedRequest> {
    for (const [key, item] of itemsById) {
      const request = applyGenerationOverrides(
        withSampling(protocol.buildRequest(item), options),
        options.generationOverrides,
      );
      const sample = Number(key.slice(key.lastIndexOf('#') + 1));
      // Log-likelihood protocols ask for scores of given continuations instead of a generation.
      const logLikelihood = logLikelihoodRequestOf(protocol, item);
      // Written out for both kinds: no temporary objects spread per request.
      if (logLikelihood) {
        const cacheKey = responseCacheKey({ model: model.identity, request, sample, logLikelihood });
        yield { itemId: item.id, sample, request, cacheKey, logLikelihood };
      } else {
        const cacheKey = responseCacheKey({ model: model.identity, request, sample });
        yield { itemId: item.id, sample, request, cacheKey };
      }
    }
  }
  const executor = options.executor;
  const scoreAsync = executor ? codeScorerOf(protocol) : undefined;
  const scorings: Promise<void>[] = [];
  // A failed commit (disk full, store locked too long) stops the run; flush() below rethrows it.
  const storeFailed = new AbortController();
  const recorder = createBatchedItemRecorder({
    store,
    runId,
    now: options.now,
    onError: (error) => storeFailed.abort(error),
  });
  const storeRecord = (itemRecord: ItemRecord): void => {
    recorder.add(itemRecord);
    options.onRecord?.(itemRecord);
  };

  const planned = itemsById.size;
  const onOutcome = (outcome: RequestOutcome): void => {
    const { planned: request, cached, attempts } = outcome;
    const key = itemKey(request.itemId, request.sample);
    const item = itemsById.get(key);
    if (!item) return;
    itemsById.delete(key);
    // The prompt is stored once, in the record's request, not again inside the raw exchange.
    const response = outcome.response && withoutEchoedMessages(outcome.response, request.request);
    if (response && scoreAsync && executor) {
      const base = recordBase(item, request, cached, attempts);
      const scored = (score: ItemScore): ItemRecord => ({
        ...base,
        status: 'ok',
        response,
        extracted: score.extracted,
        scores: score.scores,
      });
      const failed = (error: unknown): ItemRecord => ({
        ...base,
        status: 'error',
        response,
        error: {
          name: error instanceof Error ? error.name : 'Error',
          message: `scoring failed: ${error instanceof Error ? error.message : String(error)}`,
        },
        extracted: null,
        scores: {},
      });
      const context = { prefillApplied: response.prefillApplied, executor };
      scorings.push(scoreAsync(item, response.text, context).then(scored, failed).then(storeRecord));
      return;
    }
    // One record object per item, its fields written in the order a spread of the common fields gave them
    // (a spread and a conditional `group` cost every item a copy and a temporary object).
    const record = recordBase(item, request, cached, attempts) as Mutable<ItemRecord>;
    if (response) {
      const { prefillApplied, logLikelihoods, finishReason } = response;
      const score = protocol.score(
        item,
        response.text,
        logLikelihoods === undefined
          ? { prefillApplied, finishReason }
          : { prefillApplied, finishReason, logLikelihoods },
      );
      record.status = 'ok';
      record.response = response;
      record.extracted = score.extracted;
      record.scores = score.scores;
    } else {
      const error = outcome.error ?? new Error('no response');
      record.status = 'error';
      record.error = { name: error.name, message: error.message };
      record.extracted = null;
      record.scores = {};
    }
    storeRecord(record);
  };

  const gate = options.gateFor?.(model);
  const signal = options.signal ? AbortSignal.any([options.signal, storeFailed.signal]) : storeFailed.signal;
  // The runner listens on this signal once per request in flight.
  setMaxListeners(options.concurrency + 16, signal);
  let result;
  try {
    result = await runRequests({
      model,
      ...(gate ? { gate } : {}),
      plan: plan(),
      concurrency: options.concurrency,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      getCached: options.useCache ? (key) => store.getCachedResponse(key) : () => undefined,
      onOutcome,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      signal,
    });
    // Executions already queued finish (each within its wall-clock limit) even after a cancel, so their
    // responses are not lost.
    await Promise.all(scorings);
  } catch (error) {
    // Keep what was answered before the failure; the failure itself is what the caller hears about.
    try {
      recorder.flush();
    } catch {
      // The store failing too is a consequence; report the first error.
    }
    throw error;
  }
  recorder.flush();
  return {
    planned,
    completed: result.completed,
    failed: result.failed,
    cancelled: result.cancelled,
  };
}
