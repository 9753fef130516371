import type { Benchmark, Item, ItemRecord, LanguageModel, Protocol, RunStore } from '../spec/index.ts';
import { itemKey } from '../spec/index.ts';
import { responseCacheKey } from '../runner/cache-key.ts';
import { runRequests, type PlannedRequest, type RequestOutcome } from '../runner/run-requests.ts';
import type { RunnerEvent } from '../runner/runner-event.ts';

export interface EvaluationOptions {
  readonly store: RunStore;
  readonly runId: string;
  readonly model: LanguageModel;
  readonly benchmark: Benchmark;
  readonly protocol: Protocol;
  readonly items: readonly Item[];
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  /** When false, the response cache is neither read nor trusted (responses are still stored). */
  readonly useCache: boolean;
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunnerEvent) => void;
}

export interface EvaluationResult {
  /** Items requested in this call (items already completed in the run are skipped). */
  readonly planned: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: boolean;
}

/**
 * Evaluates the items of a run that are not yet completed: builds each request, runs it (or takes it from
 * the cache), scores the response and stores the record as soon as it completes. Calling it again on the
 * same run id finishes an interrupted run without requesting a completed item again.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationResult> {
  const { store, runId, model, protocol } = options;
  const completedKeys = store.completedItemKeys(runId);
  const itemsById = new Map<string, Item>();
  for (const item of options.items) {
    if (!completedKeys.has(itemKey(item.id, 0))) itemsById.set(item.id, item);
  }
  // Requests are built as the runner pulls them, so a large run never holds every prompt at once.
  function* plan(): Generator<PlannedRequest> {
    for (const item of itemsById.values()) {
      const request = protocol.buildRequest(item);
      yield {
        itemId: item.id,
        sample: 0,
        request,
        cacheKey: responseCacheKey({ model: model.identity, request }),
      };
    }
  }

  const planned = itemsById.size;
  const onOutcome = (outcome: RequestOutcome): void => {
    const item = itemsById.get(outcome.planned.itemId);
    if (!item) return;
    itemsById.delete(item.id);
    const base = {
      itemId: item.id,
      sample: outcome.planned.sample,
      ...(item.group === undefined ? {} : { group: item.group }),
      request: outcome.planned.request,
      cached: outcome.cached,
      attempts: outcome.attempts,
      cacheKey: outcome.planned.cacheKey,
    };
    let record: ItemRecord;
    if (outcome.response) {
      const score = protocol.score(item, outcome.response.text, {
        prefillApplied: outcome.response.prefillApplied,
      });
      record = {
        ...base,
        status: 'ok',
        response: outcome.response,
        extracted: score.extracted,
        scores: score.scores,
      };
    } else {
      const error = outcome.error ?? new Error('no response');
      record = {
        ...base,
        status: 'error',
        error: { name: error.name, message: error.message },
        extracted: null,
        scores: {},
      };
    }
    store.recordItem(runId, record, { updatedAt: options.now().toISOString() });
  };

  const result = await runRequests({
    model,
    plan: plan(),
    concurrency: options.concurrency,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    getCached: options.useCache ? (key) => store.getCachedResponse(key) : () => undefined,
    onOutcome,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    planned,
    completed: result.completed,
    failed: result.failed,
    cancelled: result.cancelled,
  };
}
