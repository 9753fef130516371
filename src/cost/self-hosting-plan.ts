import type { CatalogModel, Gpu, Precision, PublishedThroughput } from './catalog-types.ts';
import { memoryNeed, tensorParallelSizes, usableBytes } from './memory-sizing.ts';
import { selfHostedMonth, type SelfHostedMonth } from './self-hosting-cost.ts';
import {
  bestServingPoint,
  computeMode,
  servingPoint,
  type RequestShape,
  type ServingSetup,
} from './serving-model.ts';
import type { MeasuredThroughput } from './workload.ts';

export interface ThroughputFigure {
  /** Per replica, at the workload's request sizes. */
  readonly outputTokensPerSecond: number;
  readonly inputTokensPerSecond: number;
  readonly requestsPerSecond: number;
  readonly tpotMs: number;
  /** Time to first token, when measured or estimated. */
  readonly ttftMs?: number;
  /** Share of GPU time spent on prompts (from the serving model); splits spend into input and output. */
  readonly prefillTimeShare: number;
  /** `measured` (a bench run or the workload file), `published` (catalog) or `estimate` (serving model). */
  readonly basis: 'measured' | 'published' | 'estimate';
  /** A measurement taken at other request sizes, scaled to the workload's by the serving model. */
  readonly adjusted: boolean;
  readonly source: string;
}

/** One GPU type × count × precision, with what it delivers, what it costs and the constraints it fails. */
export interface SetupEvaluation {
  readonly gpu: Gpu;
  readonly gpuCount: number;
  readonly gpuHourlyUsd: number;
  readonly precision: Precision;
  /** `weight-only` when the GPU has no tensor cores for the precision (fp8 on A100): bf16 arithmetic. */
  readonly computeMode: 'native' | 'weight-only';
  readonly weightBytes: number;
  readonly kvCacheBytes: number;
  readonly usableBytes: number;
  readonly throughput?: ThroughputFigure;
  readonly month?: SelfHostedMonth;
  /** Empty when the setup meets every constraint. */
  readonly violations: readonly string[];
}

export type SelfHostingPlan = SetupEvaluation & {
  readonly throughput: ThroughputFigure;
  readonly month: SelfHostedMonth;
};

export interface SelfHostingResult {
  /** The cheapest setup that meets every constraint; undefined when none does. */
  readonly plan?: SelfHostingPlan;
  /** Every other setup tried, each with the constraints it fails (empty when it was only dearer). */
  readonly rejected: readonly SetupEvaluation[];
  /** Why no setup was tried at all (no open weights, no architecture in the catalog). */
  readonly impossible?: string;
}

export interface SelfHostingInputs {
  readonly gpus: readonly Gpu[];
  readonly gpuHourlyUsd: (gpu: Gpu) => number;
  readonly precisions: readonly Precision[];
  readonly kvCachePrecision: Precision;
  readonly contextTokens: number;
  readonly concurrentSequences: number;
  readonly runtimeOverheadFraction: number;
  readonly request: RequestShape;
  readonly tpotTargetMs?: number;
  readonly ttftTargetMs?: number;
  readonly utilizationCeiling: number;
  readonly outputTokensPerMonth: number;
  readonly peakRequestsPerSecond: number;
  /** Operations, staff and fine-tuning per month: paid whatever the setup. */
  readonly fixedUsdPerMonth: number;
  /** Throughputs measured with `parity bench` or given in the workload, keyed by catalog model id. */
  readonly measured: readonly MeasuredThroughput[];
}

const gigabytes = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;
const tokens = (request: RequestShape): string =>
  `${Math.round(request.inputTokens)}/${Math.round(request.outputTokens)}`;

export function sameGpu(gpu: Gpu, name: string): boolean {
  const wanted = name.toLowerCase();
  return gpu.id.toLowerCase() === wanted || gpu.aliases.some((alias) => alias.toLowerCase() === wanted);
}

/** Requests within a quarter of a measurement's sizes are served by it as published. */
const withinConditions = (measured: RequestShape, wanted: RequestShape): boolean =>
  Math.abs(wanted.inputTokens / measured.inputTokens - 1) <= 0.25 &&
  Math.abs(wanted.outputTokens / measured.outputTokens - 1) <= 0.25;

/**
 * A measurement at request sizes `conditions` and its own operating point (batch = throughput × TPOT),
 * moved to the workload's request sizes at the same batch by the ratio of the serving model's step times.
 * Within a quarter of the measured sizes it is used as it is.
 */
function fromMeasurement(options: {
  setup: ServingSetup;
  request: RequestShape;
  conditions: RequestShape;
  outputTokensPerSecond: number;
  tpotMs: number;
  ttftMs?: number;
  engine?: string;
  basis: 'measured' | 'published';
  source: string;
}): ThroughputFigure {
  const batchSize = (options.outputTokensPerSecond * options.tpotMs) / 1000;
  // An undefined engine is the serving model's estimate engine.
  const engine = options.engine;
  const atWorkload = servingPoint({ setup: options.setup, request: options.request, batchSize, engine });
  if (withinConditions(options.conditions, options.request)) {
    return {
      outputTokensPerSecond: options.outputTokensPerSecond,
      inputTokensPerSecond:
        (options.outputTokensPerSecond * options.request.inputTokens) / options.request.outputTokens,
      requestsPerSecond: options.outputTokensPerSecond / options.request.outputTokens,
      tpotMs: options.tpotMs,
      ...(options.ttftMs === undefined ? {} : { ttftMs: options.ttftMs }),
      prefillTimeShare: atWorkload.prefillTimeShare,
      basis: options.basis,
      adjusted: false,
      source: options.source,
    };
  }
  const atMeasurement = servingPoint({
    setup: options.setup,
    request: options.conditions,
    batchSize,
    engine,
  });
  const tpotMs = options.tpotMs * (atWorkload.tpotMs / atMeasurement.tpotMs);
  const outputTokensPerSecond = (batchSize / tpotMs) * 1000;
  return {
    outputTokensPerSecond,
    inputTokensPerSecond:
      (outputTokensPerSecond * options.request.inputTokens) / options.request.outputTokens,
    requestsPerSecond: outputTokensPerSecond / options.request.outputTokens,
    tpotMs,
    ...(options.ttftMs === undefined
      ? {}
      : { ttftMs: options.ttftMs * (atWorkload.ttftMs / atMeasurement.ttftMs) }),
    prefillTimeShare: atWorkload.prefillTimeShare,
    basis: options.basis,
    adjusted: true,
    source: `${options.source}; adjusted by the serving model from ${tokens(options.conditions)} to ${tokens(options.request)} tokens per request at batch ${Math.round(batchSize)}`,
  };
}

function knownThroughput(options: {
  model: CatalogModel;
  setup: ServingSetup & { gpu: Gpu };
  inputs: SelfHostingInputs;
}): ThroughputFigure | undefined {
  const { model, setup, inputs } = options;
  const sameSetup = (entry: { gpu: string; gpuCount: number; precision?: Precision | undefined }): boolean =>
    sameGpu(setup.gpu, entry.gpu) && entry.gpuCount === setup.gpuCount && entry.precision === setup.precision;
  const measured = inputs.measured.find((entry) => entry.model === model.id && sameSetup(entry));
  if (measured) {
    return fromMeasurement({
      setup,
      request: inputs.request,
      conditions: {
        inputTokens: measured.inputTokens ?? inputs.request.inputTokens,
        outputTokens: measured.outputTokens ?? inputs.request.outputTokens,
      },
      outputTokensPerSecond: measured.outputTokensPerSecond,
      // Without a TPOT the operating point is unknown; the serving model's TPOT at batch 1 is the optimistic floor.
      tpotMs: measured.tpotMs ?? servingPoint({ setup, request: inputs.request, batchSize: 1 }).tpotMs,
      ttftMs: measured.ttftMs,
      basis: 'measured',
      source: measured.source,
    });
  }
  const contextTokens = inputs.request.inputTokens + inputs.request.outputTokens;
  const published = model.throughput.find(
    (entry: PublishedThroughput) =>
      sameSetup(entry) && (entry.maxSequenceTokens === undefined || contextTokens <= entry.maxSequenceTokens),
  );
  if (!published) return undefined;
  return fromMeasurement({
    setup,
    request: inputs.request,
    conditions: { inputTokens: published.inputTokens, outputTokens: published.outputTokens },
    outputTokensPerSecond: published.outputTokensPerSecond,
    tpotMs: published.tpotMs,
    engine: published.engine,
    basis: 'published',
    source: `${published.source}, as of ${published.asOf}`,
  });
}

function estimatedThroughput(options: {
  setup: ServingSetup;
  inputs: SelfHostingInputs;
  maxBatchSize: number;
}): { figure: ThroughputFigure; meetsTargets: boolean } {
  const { setup, inputs } = options;
  const { point, meetsTargets } = bestServingPoint({
    setup,
    request: inputs.request,
    maxBatchSize: options.maxBatchSize,
    // An undefined target is no target.
    tpotTargetMs: inputs.tpotTargetMs,
    ttftTargetMs: inputs.ttftTargetMs,
  });
  return {
    meetsTargets,
    figure: {
      outputTokensPerSecond: point.outputTokensPerSecond,
      inputTokensPerSecond: point.inputTokensPerSecond,
      requestsPerSecond: point.requestsPerSecond,
      tpotMs: point.tpotMs,
      ttftMs: point.ttftMs,
      prefillTimeShare: point.prefillTimeShare,
      basis: 'estimate',
      adjusted: false,
      source: `serving-model estimate at batch ${point.batchSize}, ${point.bound}-bound (${setup.gpuCount} × ${setup.gpu.id}, ${setup.precision}${point.computeMode === 'weight-only' ? ' weights, bf16 compute' : ''}; calibrated on the catalog's published measurements, see docs/cost.md)`,
    },
  };
}

function latencyViolations(figure: ThroughputFigure, inputs: SelfHostingInputs): string[] {
  const violations: string[] = [];
  const label = `${figure.basis}${figure.adjusted ? ', adjusted' : ''}`;
  // No target (undefined) is missed by no figure, and an unknown TTFT misses no target.
  if (figure.tpotMs > (inputs.tpotTargetMs ?? Infinity)) {
    violations.push(
      `latency: time per output token ${figure.tpotMs.toFixed(1)} ms (${label}) exceeds the target ${inputs.tpotTargetMs} ms`,
    );
  }
  const ttftMs = figure.ttftMs ?? 0;
  if (ttftMs > (inputs.ttftTargetMs ?? Infinity)) {
    violations.push(
      `latency: time to first token ${ttftMs.toFixed(0)} ms (${label}) exceeds the target ${inputs.ttftTargetMs} ms`,
    );
  }
  return violations;
}

/**
 * Constraints first, then price: every GPU type × tensor-parallel size (1, 2, 4, 8) × weight precision is
 * evaluated — memory (weights + KV cache for the workload's sequences), throughput at the workload's request
 * sizes (measured › published › serving-model estimate; a measurement is never replaced by an estimate of the
 * same setup), latency targets, and the replicas the volume and the peak need — and the cheapest setup that
 * fails nothing is chosen. Every other setup is returned with the constraints it fails.
 */
export function planSelfHosting(options: {
  model: CatalogModel;
  inputs: SelfHostingInputs;
}): SelfHostingResult {
  const { model, inputs } = options;
  if (!model.openWeights) return { rejected: [], impossible: `${model.id} has no open weights` };
  if (!model.parameters || !model.architecture) {
    return { rejected: [], impossible: `the catalog has no parameter count or architecture for ${model.id}` };
  }
  const { parameters, architecture } = model;
  const evaluations: SetupEvaluation[] = [];
  for (const gpu of inputs.gpus) {
    for (const precision of inputs.precisions) {
      const need = memoryNeed({
        totalParametersBillions: parameters.totalBillions,
        architecture,
        weightPrecision: precision,
        kvCachePrecision: inputs.kvCachePrecision,
        contextTokens: inputs.contextTokens,
        concurrentSequences: inputs.concurrentSequences,
      });
      for (const gpuCount of tensorParallelSizes) {
        const usable = usableBytes({
          gpu,
          gpuCount,
          runtimeOverheadFraction: inputs.runtimeOverheadFraction,
        });
        const gpuHourlyUsd = inputs.gpuHourlyUsd(gpu);
        const base = {
          gpu,
          gpuCount,
          gpuHourlyUsd,
          precision,
          computeMode: computeMode(gpu, precision).mode,
          weightBytes: need.weightBytes,
          kvCacheBytes: need.kvCacheBytes,
          usableBytes: usable,
        };
        if (need.totalBytes > usable) {
          evaluations.push({
            ...base,
            violations: [
              `memory: needs ${gigabytes(need.totalBytes)} in ${precision} (weights ${gigabytes(need.weightBytes)} + KV cache ${gigabytes(need.kvCacheBytes)} for ${inputs.concurrentSequences} × ${inputs.contextTokens} tokens); ${gpuCount} × ${gpu.id} hold ${gigabytes(usable)}`,
            ],
          });
          continue;
        }
        const setup = {
          gpu,
          gpuCount,
          precision,
          kvCachePrecision: inputs.kvCachePrecision,
          totalParametersBillions: parameters.totalBillions,
          activeParametersBillions: parameters.activeBillions,
          architecture,
        };
        const known = knownThroughput({ model, setup, inputs });
        const maxBatchSize = Math.floor(
          (usable - need.weightBytes) / (need.kvCacheBytesPerToken * inputs.contextTokens),
        );
        const throughput = known ?? estimatedThroughput({ setup, inputs, maxBatchSize }).figure;
        const month = selfHostedMonth({
          gpuHourlyUsd,
          gpuCount,
          outputTokensPerSecond: throughput.outputTokensPerSecond,
          requestsPerSecond: throughput.requestsPerSecond,
          utilizationCeiling: inputs.utilizationCeiling,
          outputTokensPerMonth: inputs.outputTokensPerMonth,
          peakRequestsPerSecond: inputs.peakRequestsPerSecond,
          fixedUsdPerMonth: inputs.fixedUsdPerMonth,
        });
        evaluations.push({ ...base, throughput, month, violations: latencyViolations(throughput, inputs) });
      }
    }
  }
  // Stryker disable next-line OptionalChaining: only setups with a month are eligible and sorted by cost
  const cost = (evaluation: SetupEvaluation): number => evaluation.month?.monthlyUsd ?? Infinity;
  const eligible = evaluations
    .filter((evaluation) => evaluation.violations.length === 0 && evaluation.month && evaluation.throughput)
    .sort(
      (left, right) =>
        // Stryker disable next-line OptionalChaining: every eligible setup has a throughput
        cost(left) - cost(right) || (left.throughput?.tpotMs ?? 0) - (right.throughput?.tpotMs ?? 0),
    );
  const chosen = eligible[0] as SelfHostingPlan | undefined;
  return {
    ...(chosen ? { plan: chosen } : {}),
    rejected: evaluations.filter((evaluation) => evaluation !== chosen),
  };
}

/** `2 × 4 × H100-80GB fp8`: replicas (when more than one) × GPUs per replica × type and precision. */
export function setupLabel(setup: SetupEvaluation): string {
  const replicas = setup.month && setup.month.replicas > 1 ? `${setup.month.replicas} × ` : '';
  const weightOnly = setup.computeMode === 'weight-only' ? ' (weight-only, bf16 compute)' : '';
  return `${replicas}${setup.gpuCount} × ${setup.gpu.id} ${setup.precision}${weightOnly}`;
}
