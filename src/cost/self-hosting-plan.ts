import type { CatalogModel, Gpu, Precision } from './catalog-types.ts';
import { fitOnGpus, memoryNeed, tensorParallelSizes, usableBytes, weightBytes } from './memory-sizing.ts';
import { selfHostedMonth, type SelfHostedMonth } from './self-hosting-cost.ts';
import { estimateDecodeAtTarget } from './throughput-estimate.ts';
import type { MeasuredThroughput } from './workload.ts';

export interface ThroughputFigure {
  readonly outputTokensPerSecond: number;
  readonly tpotMs?: number;
  /** `measured` (a bench run or the workload file), `published` (catalog) or `estimate` (memory bandwidth). */
  readonly basis: 'measured' | 'published' | 'estimate';
  readonly source: string;
}

export interface SelfHostingPlan {
  readonly gpu: Gpu;
  readonly gpuCount: number;
  readonly gpuHourlyUsd: number;
  readonly precision: Precision;
  readonly weightBytes: number;
  readonly kvCacheBytes: number;
  readonly usableBytes: number;
  readonly throughput: ThroughputFigure;
  readonly month: SelfHostedMonth;
}

export type SelfHostingResult =
  | { readonly type: 'plan'; readonly plan: SelfHostingPlan }
  | { readonly type: 'impossible'; readonly reason: string };

export interface SelfHostingInputs {
  readonly gpus: readonly Gpu[];
  readonly gpuHourlyUsd: (gpu: Gpu) => number;
  readonly precisions: readonly Precision[];
  readonly kvCachePrecision: Precision;
  readonly contextTokens: number;
  readonly concurrentSequences: number;
  readonly runtimeOverheadFraction: number;
  /** Average tokens in a sequence during decode (for the bandwidth estimate). */
  readonly averageContextTokens: number;
  readonly tpotTargetMs?: number;
  readonly utilization: number;
  readonly outputTokensPerMonth: number;
  readonly peakOutputTokensPerSecond: number;
  readonly operationsUsdPerMonth: number;
  /** Throughputs measured with `parity bench` or given in the workload, keyed by catalog model id. */
  readonly measured: readonly MeasuredThroughput[];
}

const gigabytes = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

function sameGpu(gpu: Gpu, name: string): boolean {
  const wanted = name.toLowerCase();
  return gpu.id.toLowerCase() === wanted || gpu.aliases.some((alias) => alias.toLowerCase() === wanted);
}

function knownThroughput(options: {
  model: CatalogModel;
  gpu: Gpu;
  gpuCount: number;
  precision: Precision;
  measured: readonly MeasuredThroughput[];
}): ThroughputFigure | undefined {
  const matches = (entry: { gpu: string; gpuCount: number; precision?: Precision | undefined }): boolean =>
    sameGpu(options.gpu, entry.gpu) &&
    entry.gpuCount === options.gpuCount &&
    (entry.precision === undefined || entry.precision === options.precision);
  const measured = options.measured.find((entry) => entry.model === options.model.id && matches(entry));
  if (measured) {
    return {
      outputTokensPerSecond: measured.outputTokensPerSecond,
      ...(measured.tpotMs === undefined ? {} : { tpotMs: measured.tpotMs }),
      basis: 'measured',
      source: measured.source,
    };
  }
  const published = options.model.throughput.find(matches);
  if (!published) return undefined;
  return {
    outputTokensPerSecond: published.outputTokensPerSecond,
    ...(published.tpotMs === undefined ? {} : { tpotMs: published.tpotMs }),
    basis: 'published',
    source: `${published.source}, as of ${published.asOf}`,
  };
}

/**
 * The cheapest way to self-host a model for the workload: over GPU types, weight precisions and
 * tensor-parallel sizes (from the smallest that holds weights + KV cache up to 8), the replica setup with the
 * lowest monthly cost. Throughput is measured, else published, else estimated from memory bandwidth.
 */
export function planSelfHosting(options: {
  model: CatalogModel;
  inputs: SelfHostingInputs;
}): SelfHostingResult {
  const { model, inputs } = options;
  if (!model.openWeights) return { type: 'impossible', reason: `${model.id} has no open weights` };
  if (!model.parameters || !model.architecture) {
    return {
      type: 'impossible',
      reason: `the catalog has no parameter count or architecture for ${model.id}`,
    };
  }
  const { parameters, architecture } = model;
  let best: SelfHostingPlan | undefined;
  let closestMiss: { totalBytes: number; reason: string } | undefined;
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
      const fit = fitOnGpus({ need, gpu, runtimeOverheadFraction: inputs.runtimeOverheadFraction });
      if (fit.type === 'does-not-fit') {
        if (!closestMiss || need.totalBytes - fit.usableBytes < closestMiss.totalBytes) {
          closestMiss = {
            totalBytes: need.totalBytes - fit.usableBytes,
            reason: `needs ${gigabytes(need.totalBytes)} in ${precision} (weights ${gigabytes(need.weightBytes)} + KV cache ${gigabytes(need.kvCacheBytes)}); ${fit.largestGpuCount} × ${gpu.id} hold ${gigabytes(fit.usableBytes)}`,
          };
        }
        continue;
      }
      for (const gpuCount of tensorParallelSizes.filter((size) => size >= fit.gpuCount)) {
        const usable = usableBytes({
          gpu,
          gpuCount,
          runtimeOverheadFraction: inputs.runtimeOverheadFraction,
        });
        const throughput =
          knownThroughput({ model, gpu, gpuCount, precision, measured: inputs.measured }) ??
          estimatedThroughput({ need, usable, gpu, gpuCount, precision, model, inputs });
        const gpuHourlyUsd = inputs.gpuHourlyUsd(gpu);
        const month = selfHostedMonth({
          gpuHourlyUsd,
          gpuCount,
          outputTokensPerSecond: throughput.outputTokensPerSecond,
          utilization: inputs.utilization,
          outputTokensPerMonth: inputs.outputTokensPerMonth,
          peakOutputTokensPerSecond: inputs.peakOutputTokensPerSecond,
          operationsUsdPerMonth: inputs.operationsUsdPerMonth,
        });
        const plan: SelfHostingPlan = {
          gpu,
          gpuCount,
          gpuHourlyUsd,
          precision,
          weightBytes: need.weightBytes,
          kvCacheBytes: need.kvCacheBytes,
          usableBytes: usable,
          throughput,
          month,
        };
        if (!best || month.monthlyUsd < best.month.monthlyUsd) best = plan;
      }
    }
  }
  if (best) return { type: 'plan', plan: best };
  return { type: 'impossible', reason: `does not fit: ${closestMiss?.reason ?? 'no GPU types to try'}` };
}

function estimatedThroughput(options: {
  need: ReturnType<typeof memoryNeed>;
  usable: number;
  gpu: Gpu;
  gpuCount: number;
  precision: Precision;
  model: CatalogModel;
  inputs: SelfHostingInputs;
}): ThroughputFigure {
  const { need, inputs, model } = options;
  const perSequenceBytes = need.kvCacheBytesPerToken * inputs.contextTokens;
  const maxBatchSize = Math.max(
    1,
    Math.min(256, Math.floor((options.usable - need.weightBytes) / perSequenceBytes)),
  );
  const estimate = estimateDecodeAtTarget({
    gpu: options.gpu,
    gpuCount: options.gpuCount,
    totalWeightBytes: need.weightBytes,
    activeWeightBytes: weightBytes({
      totalParametersBillions: model.parameters?.activeBillions ?? 0,
      precision: options.precision,
    }),
    kvCacheBytesPerToken: need.kvCacheBytesPerToken,
    averageContextTokens: inputs.averageContextTokens,
    maxBatchSize,
    ...(inputs.tpotTargetMs === undefined ? {} : { tpotTargetMs: inputs.tpotTargetMs }),
  });
  return {
    outputTokensPerSecond: estimate.outputTokensPerSecond,
    tpotMs: estimate.tpotMs,
    basis: 'estimate',
    source: `memory-bandwidth estimate at batch ${estimate.batchSize} (${options.gpuCount} × ${options.gpu.id}, ${options.precision})`,
  };
}
