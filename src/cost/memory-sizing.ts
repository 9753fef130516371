import type { Architecture, Gpu, Precision } from './catalog-types.ts';

/** Bytes per weight or cache element. */
export const bytesPerElement: Readonly<Record<Precision, number>> = {
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/** Tensor-parallel sizes tried, smallest first. */
export const tensorParallelSizes = [1, 2, 4, 8] as const;

/**
 * Share of each GPU's memory held back for the CUDA context, activations and graphs; vLLM's default
 * `gpu_memory_utilization` of 0.9 leaves the same 10%.
 */
export const defaultRuntimeOverheadFraction = 0.1;

/** Weights in bytes: total parameters × bytes per weight (every expert of a mixture-of-experts stays resident). */
export function weightBytes(options: { totalParametersBillions: number; precision: Precision }): number {
  return options.totalParametersBillions * 1e9 * bytesPerElement[options.precision];
}

/** KV cache per token: layers × (2 × kv_heads × head_dim, or the latent size for MLA) × bytes per element. */
export function kvCacheBytesPerToken(options: { architecture: Architecture; precision: Precision }): number {
  const { architecture } = options;
  const elementsPerLayer =
    architecture.kvElementsPerTokenPerLayer ?? 2 * (architecture.kvHeads ?? 0) * (architecture.headDim ?? 0);
  return architecture.layers * elementsPerLayer * bytesPerElement[options.precision];
}

export interface MemoryNeed {
  readonly weightBytes: number;
  readonly kvCacheBytesPerToken: number;
  /** KV cache for `contextTokens` × `concurrentSequences`. */
  readonly kvCacheBytes: number;
  /** Weights + KV cache. */
  readonly totalBytes: number;
}

export function memoryNeed(options: {
  totalParametersBillions: number;
  architecture: Architecture;
  weightPrecision: Precision;
  kvCachePrecision: Precision;
  contextTokens: number;
  concurrentSequences: number;
}): MemoryNeed {
  const weights = weightBytes({
    totalParametersBillions: options.totalParametersBillions,
    precision: options.weightPrecision,
  });
  const perToken = kvCacheBytesPerToken({
    architecture: options.architecture,
    precision: options.kvCachePrecision,
  });
  const kvCache = perToken * options.contextTokens * options.concurrentSequences;
  return {
    weightBytes: weights,
    kvCacheBytesPerToken: perToken,
    kvCacheBytes: kvCache,
    totalBytes: weights + kvCache,
  };
}

/** Bytes available to weights and cache on `gpuCount` GPUs after the runtime overhead. */
export function usableBytes(options: {
  gpu: Pick<Gpu, 'memoryGb'>;
  gpuCount: number;
  runtimeOverheadFraction?: number;
}): number {
  const overhead = options.runtimeOverheadFraction ?? defaultRuntimeOverheadFraction;
  return options.gpu.memoryGb * 1e9 * (1 - overhead) * options.gpuCount;
}

export type GpuFit =
  | {
      readonly type: 'fits';
      readonly gpuCount: number;
      readonly usableBytes: number;
      readonly need: MemoryNeed;
    }
  | {
      readonly type: 'does-not-fit';
      readonly largestGpuCount: number;
      readonly usableBytes: number;
      readonly need: MemoryNeed;
    };

/** The smallest tensor-parallel size (1, 2, 4, 8) of this GPU whose usable memory holds weights and cache. */
export function fitOnGpus(options: {
  need: MemoryNeed;
  gpu: Pick<Gpu, 'memoryGb'>;
  runtimeOverheadFraction?: number;
}): GpuFit {
  for (const gpuCount of tensorParallelSizes) {
    const usable = usableBytes({
      gpu: options.gpu,
      gpuCount,
      runtimeOverheadFraction: options.runtimeOverheadFraction,
    });
    if (options.need.totalBytes <= usable)
      return { type: 'fits', gpuCount, usableBytes: usable, need: options.need };
  }
  // Stryker disable next-line LogicalOperator,ArithmeticOperator: the list is a constant whose last size is 8, so the fallback 8 is the same value
  const largest = tensorParallelSizes[tensorParallelSizes.length - 1] ?? 8;
  return {
    type: 'does-not-fit',
    largestGpuCount: largest,
    usableBytes: usableBytes({
      gpu: options.gpu,
      gpuCount: largest,
      runtimeOverheadFraction: options.runtimeOverheadFraction,
    }),
    need: options.need,
  };
}
