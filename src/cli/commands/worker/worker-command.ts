import { setTimeout as delay } from 'node:timers/promises';
import type { LanguageModel, RunStore } from '../../../spec/index.ts';
import type { RequestGate } from '../../../runner/request-gate.ts';
import { openItemQueue, type ItemJob, type ItemQueue } from '../../../store/postgres/item-queue.ts';
import { openSharedRateBudget, type SharedRateBudget } from '../../../store/postgres/shared-rate-budget.ts';
import type { CliIo } from '../../cli-io.ts';
import { openRunStore } from '../../open-run-store.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import { runEvaluation } from '../../../evaluation/run-evaluation.ts';
import { queueStoreUrl } from '../../team-queue.ts';
import { openQueuedRunContext, type QueuedRunContext } from './queued-run-context.ts';

export interface WorkerFlags {
  readonly store?: string;
  readonly concurrency?: string;
  readonly untilIdle?: boolean;
  readonly rpm?: string;
  readonly expire?: string;
  readonly grace?: string;
  readonly poll?: string;
  readonly download: boolean;
  readonly json?: boolean;
}

/** A gate that only takes from the shared per-endpoint budget (the worker's loops bound what is in flight). */
function budgetGate(budget: SharedRateBudget, model: LanguageModel, ceiling: number): RequestGate {
  const key = `${model.identity.provider} ${model.identity.endpoint}`;
  return {
    async acquire(options) {
      await budget.take(key, options.signal);
      return { release: () => undefined };
    },
    snapshot: () => ({
      adaptive: false,
      ceiling,
      limit: ceiling,
      lowestLimit: ceiling,
      inFlight: 0,
      waiting: 0,
      overloadAnswers: 0,
      requestsInWindow: 0,
      tokensInWindow: 0,
    }),
  };
}

/**
 * `parity worker`: takes jobs (items of queued runs) from the PostgreSQL queue, evaluates them with the same
 * engine as `parity eval` (runEvaluation) and records them in the store; `--concurrency` jobs at once, each item
 * after the other. On SIGTERM it takes no new job, lets the jobs in flight finish for `--grace` seconds, then
 * stops them (their finished items stay stored) and gives them back to the queue.
 */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<number> {
  const url = queueStoreUrl(io, flags.store, 'parity worker');
  const concurrency = parseWholeNumber('--concurrency', flags.concurrency) ?? 4;
  const rpm = parseWholeNumber('--rpm', flags.rpm);
  const expireInSeconds = parseWholeNumber('--expire', flags.expire) ?? 300;
  const graceMs = (parseWholeNumber('--grace', flags.grace, { min: 0 }) ?? 30) * 1000;
  const pollMs = parseWholeNumber('--poll', flags.poll) ?? 1000;
  const store = openRunStore(io, { store: url });
  let queue: ItemQueue | undefined;
  try {
    queue = await openItemQueue({
      url,
      expireInSeconds,
      maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(expireInSeconds / 2))),
    });
    const budget = rpm
      ? await openSharedRateBudget({ db: queue.database(), requestsPerMinute: rpm })
      : undefined;
    const counts = await work({ io, store, queue, budget, concurrency, graceMs, pollMs, flags });
    io.stdout(
      flags.json ? `${JSON.stringify(counts)}\n` : `worker: ${counts.items} items in ${counts.jobs} jobs\n`,
    );
    return 0;
  } finally {
    await queue?.stop();
    store.close();
  }
}

async function work(options: {
  io: CliIo;
  store: RunStore;
  queue: ItemQueue;
  budget: SharedRateBudget | undefined;
  concurrency: number;
  graceMs: number;
  pollMs: number;
  flags: WorkerFlags;
}): Promise<{ items: number; jobs: number }> {
  const { io, store, queue, budget, concurrency } = options;
  const contexts = new Map<string, Promise<QueuedRunContext>>();
  const inFlight = new Set<AbortController>();
  const stop = new AbortController();
  let stopTimer: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    if (stop.signal.aborted) return;
    io.stderr(
      `worker: stopping, finishing ${inFlight.size} jobs in flight (up to ${options.graceMs / 1000} s)\n`,
    );
    stop.abort();
    stopTimer = setTimeout(() => {
      for (const controller of inFlight) controller.abort();
    }, options.graceMs);
  };
  io.signal?.addEventListener('abort', onSignal, { once: true });
  if (io.signal?.aborted) onSignal();
  const counts = { items: 0, jobs: 0 };

  const contextFor = (runId: string): Promise<QueuedRunContext> => {
    let context = contexts.get(runId);
    if (!context) {
      context = openQueuedRunContext(io, store, runId, { download: options.flags.download });
      contexts.set(runId, context);
    }
    return context;
  };

  async function runJob(job: ItemJob): Promise<void> {
    const controller = new AbortController();
    inFlight.add(controller);
    try {
      const context = await contextFor(job.runId);
      const items = job.itemIds.flatMap((itemId) => {
        const item = context.itemsById.get(itemId);
        return item ? [item] : [];
      });
      const { config } = context;
      const result = await runEvaluation({
        store,
        runId: job.runId,
        model: context.model,
        benchmark: context.benchmark,
        protocol: context.protocol,
        items,
        concurrency: 1,
        maxRetries: config.maxRetries,
        timeoutMs: config.timeoutMs,
        useCache: true,
        now: io.now,
        signal: controller.signal,
        ...(config.samples === undefined ? {} : { samples: config.samples }),
        ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
        ...(config.topP === undefined ? {} : { topP: config.topP }),
        ...(config.reasoningAllowanceTokens === undefined
          ? {}
          : { reasoningAllowanceTokens: config.reasoningAllowanceTokens }),
        ...(config.generationOverrides === undefined
          ? {}
          : { generationOverrides: config.generationOverrides }),
        ...(context.executor ? { executor: context.executor } : {}),
        ...(context.judge ? { judge: context.judge } : {}),
        ...(budget ? { gateFor: (model: LanguageModel) => budgetGate(budget, model, concurrency) } : {}),
      });
      if (result.cancelled) {
        await queue.release(job);
        io.stderr(`worker: gave back ${job.itemIds.length} items of run ${job.runId}\n`);
        return;
      }
      await queue.complete(job);
      counts.items += result.planned;
      counts.jobs += 1;
      if ((await queue.outstanding(job.runId)) === 0) {
        store.setStatus(job.runId, 'completed', { updatedAt: io.now().toISOString() });
        io.stderr(`worker: run ${job.runId} completed\n`);
      }
    } catch (error) {
      // The job goes back to the queue (another worker, or this one, tries it again); the cause is shown.
      io.stderr(
        `worker: job of run ${job.runId} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      await queue.release(job).catch(() => undefined);
      await delay(options.pollMs);
    } finally {
      inFlight.delete(controller);
    }
  }

  async function loop(): Promise<void> {
    while (!stop.signal.aborted) {
      const job = await queue.take();
      if (job === undefined) {
        // Idle only when nothing is pending or running anywhere: a crashed worker's job comes back on expiry.
        if (options.flags.untilIdle && (await queue.outstanding()) === 0) return;
        await delay(options.pollMs, undefined, { signal: stop.signal }).catch(() => undefined);
        continue;
      }
      await runJob(job);
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, () => loop()));
  } finally {
    if (stopTimer) clearTimeout(stopTimer);
    io.signal?.removeEventListener('abort', onSignal);
    for (const context of contexts.values()) await (await context.catch(() => undefined))?.close();
  }
  return counts;
}
