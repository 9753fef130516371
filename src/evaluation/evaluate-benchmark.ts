import { setMaxListeners } from 'node:events';
import type {
  Benchmark,
  GenerationOverrides,
  CodeExecutor,
  Item,
  ItemRecord,
  LanguageModel,
  Protocol,
  RunStatus,
  RunStore,
} from '../spec/index.ts';
import { CancelledError, ParityError } from '../spec/index.ts';
import type { RequestGate } from '../runner/request-gate.ts';
import { catalogPriceForSpec } from '../cost/catalog-price-for-spec.ts';
import { createSpendMeter, type SpendMeter } from '../cost/spend-meter.ts';
import type { TokenPrice } from '../cost/token-cost.ts';
import type { EvaluationHost } from './evaluation-host.ts';
import { runEvaluation } from './run-evaluation.ts';
import type { SequentialMonitor } from './sequential-monitor.ts';
import { readRunOutcomes, runScores, type RunScores } from './run-summary.ts';

export interface EvaluateBenchmarkOptions {
  /** Clock, cancellation, run owner and progress display of the program that runs the evaluation. */
  readonly host: EvaluationHost;
  readonly store: RunStore;
  readonly runId: string;
  readonly model: LanguageModel;
  readonly benchmark: Benchmark;
  readonly protocol: Protocol;
  readonly items: readonly Item[];
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly useCache: boolean;
  /** Sampling for pass@k and the executor for code benchmarks (see runEvaluation). */
  readonly samples?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly reasoningAllowanceTokens?: number;
  /** `--max-tokens`, `--system-prompt`, `--reasoning-effort` (see runEvaluation). */
  readonly generationOverrides?: GenerationOverrides;
  readonly executor?: CodeExecutor;
  /** Judge-graded protocols (MT-Bench): the judge model and judgments per graded turn (see runEvaluation). */
  readonly judge?: { readonly model: LanguageModel; readonly repeats: number };
  /** `--stop-when-decided`: stop drawing items once this monitor says the comparison is decided. */
  readonly sequential?: SequentialMonitor;
  /** Adaptive concurrency and per-minute limits per endpoint and key (see runEvaluation). */
  readonly gateFor?: (model: LanguageModel) => RequestGate | undefined;
  /**
   * Measured spend of the command (shared by its runs; `--max-cost` is its cap). Default: a meter at the model's
   * catalog price without a cap, for the progress bar.
   */
  readonly spend?: SpendMeter;
}

/** `--max-cost`: the measured spend reached the cap. The run is stored as interrupted and resumable (exit 3). */
export class SpendingCapError extends ParityError {
  constructor(message: string) {
    super(message, { exitCode: 3 });
  }
}

/** Raised when the first items to finish all failed: the endpoint or its configuration is wrong. */
export class EndpointFailedError extends ParityError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}

/**
 * Runs (or finishes) one benchmark run with progress shown by the host and sets its final status: `completed`,
 * `interrupted` (Ctrl-C; resumable, exit 3) or `failed` (the endpoint answered nothing but errors).
 */
export async function evaluateBenchmark(options: EvaluateBenchmarkOptions): Promise<RunScores> {
  const { host, store, runId } = options;
  const controller = new AbortController();
  // The runner listens on this signal once per request in flight.
  setMaxListeners(options.concurrency + 16, controller.signal);
  const onAbort = (): void => controller.abort(new CancelledError());
  host.signal?.addEventListener('abort', onAbort, { once: true });
  if (host.signal?.aborted) onAbort();
  const spend =
    options.spend ??
    createSpendMeter({
      ...priceOption(`${options.model.identity.provider}:${options.model.identity.modelId}`),
    });
  let stoppedAtCap = false;
  const progress = host.progress?.({
    label: `${options.benchmark.id} ${options.protocol.id}`,
    // Each sample of an item is one unit of work (pass@k): the total counts them all.
    total: options.items.length * (options.samples ?? 1),
    alreadyDone: store.completedItemKeys(runId).size,
    spentUsd: () => spend.spentUsd(),
  });
  let succeeded = 0;
  let firstError: string | undefined;
  let endpointFailed = false;
  let decided = false;
  const setStatus = (status: RunStatus): void =>
    store.setStatus(runId, status, { updatedAt: host.now().toISOString() });

  // This process owns the run now (a resumed run changes owner); `runs` shows it interrupted if we are killed.
  const owner = host.owner?.();
  store.setStatus(runId, 'running', { updatedAt: host.now().toISOString(), ...(owner ? { owner } : {}) });
  const stopHeartbeat = host.startHeartbeat?.(store, runId) ?? (() => undefined);
  let result;
  try {
    result = await runEvaluation({
      ...options,
      now: host.now,
      signal: controller.signal,
      ...(options.sequential
        ? {
            onRecord: (record: ItemRecord): void => {
              // Decided: cancel the rest of the plan; the run is complete as it stands.
              if (!decided && options.sequential?.observe(record)) {
                decided = true;
                controller.abort(new CancelledError('decided'));
              }
            },
          }
        : {}),
      onEvent: (event) => {
        if (event.type === 'request-end' && !event.cached) {
          // Only the fields set (no spread of temporary objects per request).
          const { usage, judgeUsage } = event;
          spend.add(
            usage
              ? judgeUsage
                ? { model: usage, judge: judgeUsage }
                : { model: usage }
              : judgeUsage
                ? { judge: judgeUsage }
                : {},
          );
          if (!stoppedAtCap && spend.reachedCap()) {
            // Requests in flight are dropped (not recorded); resuming requests them again.
            stoppedAtCap = true;
            controller.abort(new CancelledError('max-cost'));
          }
        }
        progress?.onEvent(event);
        if (event.type !== 'request-end') return;
        if (event.status === 'ok') succeeded += 1;
        else if (event.errorKind === 'insufficient-quota') {
          // A billing stop: every other request would get the same answer.
          firstError ??= event.errorMessage;
          endpointFailed = true;
          controller.abort(new CancelledError('endpoint failed'));
        } else if (
          event.errorKind === 'context-length' ||
          event.errorKind === 'budget-exhausted' ||
          event.errorKind === 'log-likelihood-tie'
        ) {
          // This item's own problem (a prompt too long, a budget too small, choices it cannot tell apart): the
          // others go on.
        } else if (succeeded === 0) {
          // The first items to finish failed after every retry: stop instead of failing every item in turn.
          firstError ??= event.errorMessage;
          endpointFailed = true;
          controller.abort(new CancelledError('endpoint failed'));
        }
      },
    });
  } finally {
    stopHeartbeat();
    progress?.finish();
    host.signal?.removeEventListener('abort', onAbort);
  }

  if (endpointFailed) {
    setStatus('failed');
    const reason = firstError ?? 'unknown error';
    throw new EndpointFailedError(
      `${options.model.identity.provider} endpoint ${options.model.identity.endpoint} failed: ${reason} (run ${runId} is stored; fix the cause and run 'parity resume ${runId}')`,
    );
  }
  const interrupted = result.cancelled && !(decided && host.signal?.aborted !== true);
  setStatus(interrupted ? 'interrupted' : 'completed');
  const run = readRunOutcomes(store, runId, 'the store');
  if (interrupted && stoppedAtCap) {
    throw new SpendingCapError(
      `stopped at the spending cap: $${(spend.spentUsd() ?? 0).toFixed(4)} spent at list prices (--max-cost $${spend.capUsd ?? 0}); ${run.doneItems}/${run.totalItems} items stored; continue with 'parity resume ${runId}'`,
    );
  }
  if (interrupted) {
    throw new CancelledError(
      `interrupted: ${run.doneItems}/${run.totalItems} items stored; continue with 'parity resume ${runId}'`,
    );
  }
  return runScores(run, options.protocol);
}

/** `{ modelPrice }` at the catalog's list price for this spec, or nothing when the catalog has none. */
function priceOption(modelSpec: string): { modelPrice?: TokenPrice } {
  const price = catalogPriceForSpec(modelSpec);
  return price ? { modelPrice: price } : {};
}
