import type { Architecture, Gpu, Precision } from './catalog-types.ts';
import { bytesPerElement, kvCacheBytesPerToken } from './memory-sizing.ts';

/**
 * The constants of the serving model. `calibratedServingParameters` holds the values fitted to the catalog's
 * published measurements (see `fitServingModel` and docs/cost.md for the error on each measurement).
 */
export interface ServingModelParameters {
  /** Share of the GPUs' dense tensor throughput a forward pass reaches. */
  readonly computeEfficiency: number;
  /** Share of the GPUs' peak memory bandwidth a forward pass reaches. */
  readonly bandwidthEfficiency: number;
  /** Fixed time per scheduler step (CPU scheduling, kernel launches), by serving engine. */
  readonly stepOverheadMsByEngine: Readonly<Record<string, number>>;
  /** Engine assumed for setups nobody measured (the one with the smallest overhead). */
  readonly estimateEngine: string;
  /** Extra time per step for each tensor-parallel GPU beyond the first (all-reduce latency). */
  readonly tensorParallelOverheadMsPerGpu: number;
}

/** Fitted by `fitServingModel` on the catalog shipped with parity; a test checks that a re-fit finds them again. */
export const calibratedServingParameters: ServingModelParameters = {
  computeEfficiency: 0.2,
  bandwidthEfficiency: 0.8,
  stepOverheadMsByEngine: { 'vllm-0.5.4': 16, 'vllm-0.6.0-multistep': 1 },
  estimateEngine: 'vllm-0.6.0-multistep',
  tensorParallelOverheadMsPerGpu: 2,
};

export interface ServingSetup {
  readonly gpu: Pick<Gpu, 'id' | 'memoryBandwidthGbPerSecond' | 'denseTflops'>;
  readonly gpuCount: number;
  /** Weight precision. */
  readonly precision: Precision;
  readonly kvCachePrecision: Precision;
  readonly totalParametersBillions: number;
  readonly activeParametersBillions: number;
  readonly architecture: Architecture;
}

/** Average tokens per request. */
export interface RequestShape {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface ComputeMode {
  /** Tensor throughput per GPU in TFLOP/s for this weight precision on this GPU. */
  readonly tflops: number;
  /** `native` when the GPU has tensor cores for the precision; `weight-only` when it computes in bf16. */
  readonly mode: 'native' | 'weight-only';
}

/**
 * How a GPU computes with weights stored in `precision`: bf16/fp16 natively; fp8 and int8 natively where the GPU
 * has such tensor cores (A100: int8 yes, fp8 no); otherwise — and always for int4 — as weight-only quantization,
 * dequantizing to bf16, so the memory and bandwidth savings stay but compute runs at the bf16 rate.
 */
export function computeMode(gpu: Pick<Gpu, 'denseTflops'>, precision: Precision): ComputeMode {
  const native =
    precision === 'fp8' ? gpu.denseTflops.fp8 : precision === 'int8' ? gpu.denseTflops.int8 : undefined;
  if (precision === 'bf16' || precision === 'fp16') return { tflops: gpu.denseTflops.bf16, mode: 'native' };
  if (native !== undefined) return { tflops: native, mode: 'native' };
  return { tflops: gpu.denseTflops.bf16, mode: 'weight-only' };
}

export interface ServingPoint {
  /** Sequences decoding at once. */
  readonly batchSize: number;
  /** Time per output token = time of one scheduler step (decode of the batch plus the prefill chunks in it). */
  readonly tpotMs: number;
  /** Time to first token of a request arriving at this load: its prefill at full compute, plus one step. */
  readonly ttftMs: number;
  readonly outputTokensPerSecond: number;
  readonly inputTokensPerSecond: number;
  readonly requestsPerSecond: number;
  /** Share of GPU time spent on prefill (prompt tokens); the rest is decode. Splits spend into input and output. */
  readonly prefillTimeShare: number;
  /** Which limit sets the step time. */
  readonly bound: 'compute' | 'memory';
  readonly computeMode: ComputeMode['mode'];
}

/**
 * One steady-state scheduler step of a replica under continuous batching with chunked prefill: `batchSize`
 * sequences each decode one token, and the prompts of the requests that replace finished ones are prefilled in
 * the same step (batch × input ÷ output prompt tokens per step on average). Roofline:
 *   compute s = 2 × active parameters × (decode + prefill tokens) ÷ (GPUs × dense TFLOP/s × computeEfficiency)
 *   memory s  = (weights read + batch × average context × KV bytes per token) ÷ (GPUs × bandwidth × bandwidthEfficiency)
 *   step = max(compute, memory) + engine overhead + (GPUs − 1) × tensor-parallel overhead.
 * A mixture-of-experts reads the active experts per token, at most every expert. Attention's own FLOPs are
 * left out (small next to the weights' below ~8k tokens of context); its KV reads are counted.
 */
export function servingPoint(options: {
  setup: ServingSetup;
  request: RequestShape;
  batchSize: number;
  parameters?: ServingModelParameters;
  engine?: string;
}): ServingPoint {
  const parameters = options.parameters ?? calibratedServingParameters;
  const { setup, request, batchSize } = options;
  const compute = computeMode(setup.gpu, setup.precision);
  const flopsPerSecond = setup.gpuCount * compute.tflops * 1e12 * parameters.computeEfficiency;
  const bytesPerSecond =
    setup.gpuCount * setup.gpu.memoryBandwidthGbPerSecond * 1e9 * parameters.bandwidthEfficiency;
  const weightBytesPerParameter = bytesPerElement[setup.precision];
  const prefillTokens = (batchSize * request.inputTokens) / request.outputTokens;
  const flopsPerToken = 2 * setup.activeParametersBillions * 1e9;
  const decodeComputeSeconds = (flopsPerToken * batchSize) / flopsPerSecond;
  const prefillComputeSeconds = (flopsPerToken * prefillTokens) / flopsPerSecond;
  const weightsRead =
    Math.min(setup.totalParametersBillions, setup.activeParametersBillions * (batchSize + prefillTokens)) *
    1e9 *
    weightBytesPerParameter;
  const averageContextTokens = request.inputTokens + request.outputTokens / 2;
  const kvRead =
    batchSize *
    averageContextTokens *
    kvCacheBytesPerToken({ architecture: setup.architecture, precision: setup.kvCachePrecision });
  const memorySeconds = (weightsRead + kvRead) / bytesPerSecond;
  const computeSeconds = decodeComputeSeconds + prefillComputeSeconds;
  const engine = options.engine ?? parameters.estimateEngine;
  const overheadSeconds =
    ((parameters.stepOverheadMsByEngine[engine] ??
      parameters.stepOverheadMsByEngine[parameters.estimateEngine] ??
      0) +
      (setup.gpuCount - 1) * parameters.tensorParallelOverheadMsPerGpu) /
    1000;
  const stepSeconds = Math.max(computeSeconds, memorySeconds) + overheadSeconds;
  const decodeSeconds = Math.max(decodeComputeSeconds, memorySeconds) + overheadSeconds;
  const promptPrefillSeconds = (flopsPerToken * request.inputTokens) / flopsPerSecond;
  return {
    batchSize,
    tpotMs: stepSeconds * 1000,
    ttftMs: (promptPrefillSeconds + stepSeconds) * 1000,
    outputTokensPerSecond: batchSize / stepSeconds,
    inputTokensPerSecond: prefillTokens / stepSeconds,
    requestsPerSecond: batchSize / request.outputTokens / stepSeconds,
    prefillTimeShare: prefillComputeSeconds / (prefillComputeSeconds + decodeSeconds),
    bound: computeSeconds >= memorySeconds ? 'compute' : 'memory',
    computeMode: compute.mode,
  };
}

/** Batch sizes tried: powers of two up to vLLM's default `max_num_seqs` of 256. */
export const batchSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

/**
 * The highest-throughput operating point whose TPOT and TTFT meet the targets, over batch sizes up to
 * `maxBatchSize` (what the KV cache memory holds). `meetsTargets: false` with the batch-1 point when even one
 * sequence misses a target.
 */
export function bestServingPoint(options: {
  setup: ServingSetup;
  request: RequestShape;
  maxBatchSize: number;
  tpotTargetMs?: number;
  ttftTargetMs?: number;
  parameters?: ServingModelParameters;
}): { point: ServingPoint; meetsTargets: boolean } {
  const meets = (point: ServingPoint): boolean =>
    (options.tpotTargetMs === undefined || point.tpotMs <= options.tpotTargetMs) &&
    (options.ttftTargetMs === undefined || point.ttftMs <= options.ttftTargetMs);
  let best: ServingPoint | undefined;
  for (const batchSize of batchSizes) {
    if (batchSize > Math.max(1, options.maxBatchSize)) break;
    const point = servingPoint({ ...options, batchSize });
    if (!meets(point)) continue;
    if (!best || point.outputTokensPerSecond > best.outputTokensPerSecond) best = point;
  }
  if (best) return { point: best, meetsTargets: true };
  return { point: servingPoint({ ...options, batchSize: 1 }), meetsTargets: false };
}
