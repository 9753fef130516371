import { createHash } from 'node:crypto';
import { pairOutcome, pairOutcomeScores } from '../../../scoring/pairwise/pair-outcome.ts';
import { pairwiseJudgeRequest } from '../../../scoring/pairwise/pairwise-judge-request.ts';
import { parsePairwiseVerdict } from '../../../scoring/pairwise/pairwise-verdict.ts';
import type { ItemRecord, LanguageModel, ModelResponse, RunStore } from '../../../spec/index.ts';
import { CancelledError, itemKey } from '../../../spec/index.ts';
import type { RequestGate } from '../../../runner/request-gate.ts';
import { sumUsage } from '../../../evaluation/run-step-evaluation.ts';
import { createStepContext } from '../../../evaluation/step-context.ts';
import type { PairedAnswers } from './pairwise-items.ts';

export interface JudgePairsOptions {
  readonly store: RunStore;
  /** The judgment run the records go to. */
  readonly runId: string;
  readonly judge: LanguageModel;
  readonly pairs: readonly PairedAnswers[];
  readonly rubric?: string;
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly useCache: boolean;
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly gate?: RequestGate;
  /** Called after each item is recorded (progress). */
  readonly onRecord?: (record: ItemRecord) => void;
}

/**
 * The stored response of one judged item: both judgments (A shown first, then B shown first) as its text, the
 * judge's usage and time summed, and both requests as steps (so `view` and `show --items` show what the judge
 * saw and said).
 */
function judgedResponse(steps: ReturnType<typeof createStepContext>['steps']): ModelResponse {
  const text = steps.map((step) => `[${step.name}]\n${step.response.text}`).join('\n\n');
  return {
    text,
    finishReason: steps.at(-1)?.response.finishReason ?? 'unknown',
    usage: sumUsage(steps.map((step) => step.response.usage)),
    timing: { totalMs: steps.reduce((sum, step) => sum + step.response.timing.totalMs, 0) },
    prefillApplied: false,
    steps,
  };
}

/**
 * Asks the judge about every pair not yet judged in the run, in both orders: `judge-ab` shows A's answer as
 * assistant A, `judge-ba` shows B's answer as assistant A. Each request is cached on its own (a re-run or a
 * resumed comparison asks nothing twice). A pair is recorded when both judgments are in: `ok` with the
 * outcome's scores (null scores when a judgment has no verdict), or `error` when a judge request failed for
 * good. Up to `concurrency` pairs at once; cancelled pairs are not recorded. Returns whether it was cancelled.
 */
export async function judgePairs(options: JudgePairsOptions): Promise<{ cancelled: boolean }> {
  const { store, runId, signal } = options;
  const done = store.completedItemKeys(runId);
  const pending = options.pairs.filter((pair) => !done.has(itemKey(pair.itemId, 0)));

  const judgeOne = async (pair: PairedAnswers): Promise<void> => {
    const { context, steps, lastStep } = createStepContext({
      itemId: pair.itemId,
      judge: options.judge,
      judgeRepeats: 1,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      getCached: options.useCache ? (key) => store.getCachedResponse(key) : () => undefined,
      putCached: (key, response) =>
        store.cacheResponse?.(key, response, { createdAt: options.now().toISOString() }),
      ...(signal ? { signal } : {}),
      ...(options.gate ? { gateFor: () => options.gate } : {}),
    });
    const rubric = options.rubric === undefined ? {} : { rubric: options.rubric };
    const abRequest = pairwiseJudgeRequest({
      input: pair.input,
      first: pair.answerA,
      second: pair.answerB,
      ...rubric,
    });
    const baRequest = pairwiseJudgeRequest({
      input: pair.input,
      first: pair.answerB,
      second: pair.answerA,
      ...rubric,
    });
    const base = {
      itemId: pair.itemId,
      sample: 0,
      ...(pair.group === undefined ? {} : { group: pair.group }),
      request: abRequest,
    };
    let record: ItemRecord;
    try {
      const ab = await context.generate(abRequest, { role: 'judge', name: 'judge-ab' });
      const ba = await context.generate(baRequest, { role: 'judge', name: 'judge-ba' });
      const outcome = pairOutcome({ ab: parsePairwiseVerdict(ab.text), ba: parsePairwiseVerdict(ba.text) });
      record = {
        ...base,
        status: 'ok',
        response: judgedResponse(steps),
        extracted: JSON.stringify(outcome),
        scores: pairOutcomeScores(outcome),
        cached: steps.every((step) => step.cached),
        attempts: steps.reduce((sum, step) => sum + step.attempts, 0),
        // The pair's own key (its record is cached under it): never one of its steps' keys.
        cacheKey: createHash('sha256')
          .update(JSON.stringify(['pairwise', ...steps.map((step) => step.cacheKey)]))
          .digest('hex'),
      };
    } catch (error) {
      if (error instanceof CancelledError || signal?.aborted) return;
      const cause = error instanceof Error ? error : new Error(String(error));
      record = {
        ...base,
        status: 'error',
        error: { name: cause.name, message: `${lastStep()?.name ?? 'judge'}: ${cause.message}` },
        extracted: null,
        scores: {},
        cached: false,
        attempts: steps.reduce((sum, step) => sum + step.attempts, 0),
        cacheKey: '',
      };
    }
    store.recordItem(runId, record, { updatedAt: options.now().toISOString() });
    options.onRecord?.(record);
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    for (let pair = pending[next]; pair !== undefined && !signal?.aborted; pair = pending[next]) {
      next += 1;
      await judgeOne(pair);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, pending.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { cancelled: signal?.aborted === true };
}
