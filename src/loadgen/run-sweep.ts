import { setMaxListeners } from 'node:events';
import type { BenchLoad, BenchRequestSample, BenchSlo, BenchStepMetrics } from '../spec/index.ts';
import { ProviderError } from '../spec/index.ts';
import type { LoadClock } from './load-clock.ts';
import { runLoadStep } from './run-load-step.ts';
import { saturationReason } from './saturation.ts';
import { createLoadRandom, type LoadRandom } from './load-random.ts';
import { requestSample, stepMetrics, type GpuCost } from './step-metrics.ts';
import type { LoadRequest, StreamingClient } from './streaming-client.ts';

export interface SweepStepResult {
  readonly stepIndex: number;
  readonly metrics: BenchStepMetrics;
  readonly samples: readonly BenchRequestSample[];
}

export interface SweepOptions {
  readonly client: Pick<StreamingClient, 'send'> & Partial<Pick<StreamingClient, 'preconnect'>>;
  /** Steps in the order to run them. */
  readonly loads: readonly BenchLoad[];
  /** Builds a request from the step's prompt randomness; `ignoreEos` is set by the sweep. */
  readonly buildRequest: (random: LoadRandom) => Omit<LoadRequest, 'ignoreEos'>;
  /** Ask for fixed output lengths (vLLM's ignore_eos/min_tokens); dropped when the warm-up shows the server refuses them. */
  readonly ignoreEos: boolean;
  /** Request cap per step, given the step's load. */
  readonly requestsPerStep?: (load: BenchLoad) => number;
  readonly durationPerStepMs?: number;
  /** Requests sent one at a time before the first step, left out of every figure. */
  readonly warmupRequests: number;
  readonly slo?: BenchSlo;
  readonly cost?: GpuCost;
  /** Stop once the endpoint saturates (see `saturationReason`). */
  readonly earlyStop: boolean;
  readonly seed: number;
  readonly clock: LoadClock;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: SweepEvent) => void;
}

export type SweepEvent =
  | { readonly type: 'warmup-note'; readonly message: string }
  | { readonly type: 'warmup-end'; readonly ignoreEos: boolean }
  | { readonly type: 'step-start'; readonly stepIndex: number; readonly load: BenchLoad }
  | {
      /** A request of the step finished: counts so far, and the step's request count when it has one. */
      readonly type: 'step-progress';
      readonly stepIndex: number;
      readonly completed: number;
      readonly failed: number;
      readonly plannedRequests?: number;
    }
  | { readonly type: 'step-end'; readonly step: SweepStepResult }
  | { readonly type: 'sweep-stop'; readonly afterStep: number; readonly reason: string };

export interface SweepResult {
  readonly steps: readonly SweepStepResult[];
  /** Whether fixed output lengths were requested (false when the server refused them). */
  readonly ignoreEos: boolean;
  readonly stoppedEarly?: { readonly afterStep: number; readonly reason: string };
  readonly cancelled: boolean;
}

/** Mixes the sweep seed with a step index and a purpose into a 32-bit seed. */
function stepSeed(seed: number, stepIndex: number, purpose: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stepIndex + 1, 0x85ebca6b) ^ purpose) >>> 0;
}

/** Refusals of vLLM's extra parameters by servers that do not have them (OpenAI answers 400 naming the field). */
function refusesExtraParameters(error: { message: string; statusCode?: number }): boolean {
  return (
    (error.statusCode === 400 || error.statusCode === 422) && /ignore_eos|min_tokens/i.test(error.message)
  );
}

async function warmUp(options: SweepOptions): Promise<boolean> {
  let ignoreEos = options.ignoreEos;
  const random = createLoadRandom(stepSeed(options.seed, -1, 0));
  for (let index = 0; index < options.warmupRequests; index++) {
    const request = { ...options.buildRequest(random), ignoreEos };
    let outcome = await options.client.send(request, options.signal ? { signal: options.signal } : {});
    if (outcome.error && ignoreEos && refusesExtraParameters(outcome.error)) {
      ignoreEos = false;
      options.onEvent?.({
        type: 'warmup-note',
        message: `the server refused ignore_eos/min_tokens (${outcome.error.message}); output lengths are capped by max_tokens only`,
      });
      outcome = await options.client.send(
        { ...request, ignoreEos },
        options.signal ? { signal: options.signal } : {},
      );
    }
    if (options.signal?.aborted) return ignoreEos;
    if (outcome.error) {
      throw new ProviderError({
        provider: 'bench',
        message: `warm-up request failed: ${outcome.error.message}`,
        isRetryable: false,
        ...(outcome.error.statusCode === undefined ? {} : { statusCode: outcome.error.statusCode }),
      });
    }
  }
  return ignoreEos;
}

/**
 * Runs a sweep: warm-up, then one load step per entry of `loads`, each with its own seeded prompt and arrival
 * randomness (so a step's requests do not depend on how many requests the earlier steps sent). Stops early
 * when the endpoint saturates (with `earlyStop`) or when `signal` aborts.
 */
export async function runSweep(sweepOptions: SweepOptions): Promise<SweepResult> {
  // Every request in flight listens to the signal: use our own, without the listener-count warning.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const outer = sweepOptions.signal;
  const abort = (): void => controller.abort();
  if (outer?.aborted) abort();
  outer?.addEventListener('abort', abort, { once: true });
  try {
    return await sweep({ ...sweepOptions, signal: controller.signal });
  } finally {
    outer?.removeEventListener('abort', abort);
  }
}

async function sweep(options: SweepOptions): Promise<SweepResult> {
  const ignoreEos = await warmUp(options);
  options.onEvent?.({ type: 'warmup-end', ignoreEos });
  const steps: SweepStepResult[] = [];
  for (const [stepIndex, load] of options.loads.entries()) {
    if (options.signal?.aborted) break;
    // Closed loop: open the step's connections first, so its first wave is timed on warm connections.
    if (load.type === 'concurrency') await options.client.preconnect?.(load.concurrency);
    options.onEvent?.({ type: 'step-start', stepIndex, load });
    const promptRandom = createLoadRandom(stepSeed(options.seed, stepIndex, 1));
    const plannedRequests = options.requestsPerStep?.(load);
    let completed = 0;
    let failed = 0;
    const result = await runLoadStep({
      onOutcome: (outcome) => {
        if (outcome.error) failed += 1;
        else completed += 1;
        options.onEvent?.({
          type: 'step-progress',
          stepIndex,
          completed,
          failed,
          ...(plannedRequests === undefined ? {} : { plannedRequests }),
        });
      },
      client: options.client,
      load,
      nextRequest: () => ({ ...options.buildRequest(promptRandom), ignoreEos }),
      ...(options.requestsPerStep ? { maxRequests: options.requestsPerStep(load) } : {}),
      ...(options.durationPerStepMs === undefined ? {} : { durationMs: options.durationPerStepMs }),
      clock: options.clock,
      random: createLoadRandom(stepSeed(options.seed, stepIndex, 2)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.cancelled) break;
    const samples = result.outcomes.map((outcome) => requestSample(outcome, result.startMs));
    const metrics = stepMetrics({
      load,
      samples,
      durationMs: result.endMs - result.startMs,
      ...(options.slo ? { slo: options.slo } : {}),
      ...(options.cost ? { cost: options.cost } : {}),
    });
    const step = { stepIndex, metrics, samples };
    steps.push(step);
    options.onEvent?.({ type: 'step-end', step });
    const reason = options.earlyStop ? saturationReason(steps.map((done) => done.metrics)) : undefined;
    if (reason !== undefined && stepIndex < options.loads.length - 1) {
      options.onEvent?.({ type: 'sweep-stop', afterStep: stepIndex, reason });
      return { steps, ignoreEos, stoppedEarly: { afterStep: stepIndex, reason }, cancelled: false };
    }
  }
  return { steps, ignoreEos, cancelled: Boolean(options.signal?.aborted) };
}
