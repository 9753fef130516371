import { createHash } from 'node:crypto';
import type { GenerateRequest, Item, ItemRecord, ItemStep, ModelResponse, Usage } from '../spec/index.ts';
import { CancelledError, InputError, itemKey } from '../spec/index.ts';
import { runConcurrently } from '../runner/concurrency-pool.ts';
import type { EvaluationOptions, EvaluationResult } from './evaluation-options.ts';
import { needsJudge, stepRunnerOf } from './protocol-kind.ts';
import { withSampling } from './request-settings.ts';
import { createStepContext } from './step-context.ts';

/** Sums usage fields; a field stays undefined (unknown) unless some step reported it. */
export function sumUsage(usages: readonly Usage[]): Usage {
  const total: Record<string, number> = {};
  for (const usage of usages) {
    for (const [field, value] of Object.entries(usage)) {
      if (typeof value === 'number') total[field] = (total[field] ?? 0) + value;
    }
  }
  return total;
}

/** The item's cache key: sha256 of its steps' keys, so the composite record never shadows a step's own entry. */
function itemCacheKey(steps: readonly ItemStep[]): string {
  return createHash('sha256')
    .update(JSON.stringify(['steps', ...steps.map((step) => step.cacheKey)]))
    .digest('hex');
}

/**
 * The stored response of a multi-step item: the last 'model' step's response with usage and total time summed
 * over the 'model' steps (what the evaluated model cost), and every step, the judge's included.
 */
function itemResponse(steps: readonly ItemStep[]): ModelResponse | undefined {
  const modelSteps = steps.filter((step) => step.role === 'model');
  const last = modelSteps.at(-1);
  if (!last) return undefined;
  return {
    ...last.response,
    usage: sumUsage(modelSteps.map((step) => step.response.usage)),
    timing: {
      ...(modelSteps[0]?.response.timing.ttftMs === undefined
        ? {}
        : { ttftMs: modelSteps[0].response.timing.ttftMs }),
      totalMs: modelSteps.reduce((sum, step) => sum + step.response.timing.totalMs, 0),
    },
    steps,
  };
}

/**
 * Evaluates a multi-step protocol (`MultiStepProtocol.runSteps`, MT-Bench): up to `concurrency` items at once, each
 * running its requests in order (so at most `concurrency` requests are in flight). An item is recorded only
 * when all its steps are done; a cancelled item is not recorded, and since every step's response is cached on
 * its own, resuming it costs no model call for the steps already answered.
 */
export async function runStepEvaluation(options: EvaluationOptions): Promise<EvaluationResult> {
  const { store, runId, protocol, signal } = options;
  const runSteps = stepRunnerOf(protocol);
  if (!runSteps) throw new InputError(`${protocol.id} is not a multi-step protocol`);
  if ((options.samples ?? 1) > 1) {
    throw new InputError(`${protocol.id} takes one sample per item`, { location: '--samples' });
  }
  if (needsJudge(protocol) && !options.judge) {
    throw new InputError(`${protocol.id} is graded by a judge model: add --judge <spec>`, {
      location: '--judge',
    });
  }
  const completedKeys = store.completedItemKeys(runId);
  const pending = options.items.filter((item) => !completedKeys.has(itemKey(item.id, 0)));
  // The run's sampling settings replace the model steps' own (`--temperature`, `--top-p`); judge requests stay
  // as built.
  const sampling = { temperature: options.temperature, topP: options.topP };
  const modelRequest =
    sampling.temperature === undefined && sampling.topP === undefined
      ? undefined
      : (request: GenerateRequest): GenerateRequest => withSampling(request, sampling);
  let completed = 0;
  let failed = 0;

  const runItem = async (item: Item): Promise<void> => {
    const { context, steps, lastStep } = createStepContext({
      itemId: item.id,
      model: options.model,
      ...(options.judge ? { judge: options.judge.model } : {}),
      judgeRepeats: options.judge?.repeats ?? 1,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      getCached: options.useCache ? (key) => store.getCachedResponse(key) : () => undefined,
      putCached: (key, response) =>
        store.cacheResponse?.(key, response, { createdAt: options.now().toISOString() }),
      ...(modelRequest ? { modelRequest } : {}),
      ...(signal ? { signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.gateFor ? { gateFor: options.gateFor } : {}),
    });
    let record: ItemRecord;
    const modelSteps = (): ItemStep[] => steps.filter((step) => step.role === 'model');
    const base = () => ({
      itemId: item.id,
      sample: 0,
      ...(item.group === undefined ? {} : { group: item.group }),
      request: modelSteps().at(-1)?.request ?? protocol.buildRequest(item),
      cached: steps.length > 0 && steps.every((step) => step.cached),
      attempts: steps.reduce((sum, step) => sum + step.attempts, 0),
      cacheKey: itemCacheKey(steps),
    });
    try {
      const score = await runSteps(item, context);
      const response = itemResponse(steps);
      record = {
        ...base(),
        status: 'ok',
        ...(response ? { response } : {}),
        extracted: score.extracted,
        scores: score.scores,
      };
      completed += 1;
    } catch (error) {
      // Cancelled: nothing is recorded; the cached steps make the next attempt cheap.
      if (error instanceof CancelledError || signal?.aborted) return;
      const cause = error instanceof Error ? error : new Error(String(error));
      // Say which step failed: the judge's endpoint is not the evaluated model's.
      const step = lastStep();
      const where = step ? `${step.name} (${step.role === 'judge' ? 'judge' : 'model'}): ` : '';
      record = {
        ...base(),
        status: 'error',
        error: { name: cause.name, message: `${where}${cause.message}` },
        extracted: null,
        scores: {},
      };
      failed += 1;
    }
    store.recordItem(runId, record, { updatedAt: options.now().toISOString() });
    options.onRecord?.(record);
    const uncachedModelSteps = modelSteps().filter((step) => !step.cached);
    const uncachedJudgeSteps = steps.filter((step) => step.role === 'judge' && !step.cached);
    options.onEvent?.({
      type: 'request-end',
      itemId: item.id,
      sample: 0,
      status: record.status,
      cached: record.cached,
      attempts: record.attempts,
      usage: sumUsage(uncachedModelSteps.map((step) => step.response.usage)),
      ...(uncachedJudgeSteps.length > 0
        ? { judgeUsage: sumUsage(uncachedJudgeSteps.map((step) => step.response.usage)) }
        : {}),
      ...(record.error ? { errorMessage: record.error.message } : {}),
    });
  };

  // The runner's pool: at most `concurrency` items at once, none started after a cancel.
  await runConcurrently({
    source: pending,
    concurrency: options.concurrency,
    shouldStop: () => signal?.aborted === true,
    task: runItem,
  });
  return { planned: pending.length, completed, failed, cancelled: signal?.aborted === true };
}
