import type { Gpu } from './catalog-types.ts';

/** Share of peak memory bandwidth a serving engine sustains in decode; a rough, documented assumption. */
export const defaultBandwidthEfficiency = 0.6;

export interface DecodeEstimate {
  readonly batchSize: number;
  readonly outputTokensPerSecond: number;
  readonly tpotMs: number;
}

/**
 * Decode throughput of one replica from memory bandwidth alone — an estimate, not a measurement. Each decode
 * step reads the weights once (a mixture-of-experts reads its active experts per sequence, at most every
 * expert) plus every sequence's KV cache, at `bandwidthEfficiency` of the GPUs' combined bandwidth:
 *   step seconds = (weights read + batch × average context × KV bytes per token) / (bandwidth × GPUs × efficiency)
 *   output tokens/s = batch / step seconds; TPOT = step seconds.
 * Prefill and compute limits are ignored, so real throughput is usually lower.
 */
export function estimateDecode(options: {
  gpu: Pick<Gpu, 'memoryBandwidthGbPerSecond'>;
  gpuCount: number;
  totalWeightBytes: number;
  activeWeightBytes: number;
  kvCacheBytesPerToken: number;
  averageContextTokens: number;
  batchSize: number;
  bandwidthEfficiency?: number;
}): DecodeEstimate {
  const efficiency = options.bandwidthEfficiency ?? defaultBandwidthEfficiency;
  const bytesPerSecond = options.gpu.memoryBandwidthGbPerSecond * 1e9 * options.gpuCount * efficiency;
  const weightsRead = Math.min(options.totalWeightBytes, options.activeWeightBytes * options.batchSize);
  const cacheRead = options.batchSize * options.averageContextTokens * options.kvCacheBytesPerToken;
  const stepSeconds = (weightsRead + cacheRead) / bytesPerSecond;
  return {
    batchSize: options.batchSize,
    outputTokensPerSecond: options.batchSize / stepSeconds,
    tpotMs: stepSeconds * 1000,
  };
}

/**
 * The best estimate over batch sizes 1, 2, 4 … `maxBatchSize`: the largest batch whose TPOT meets
 * `tpotTargetMs` (when given). When even one sequence misses the target, the batch-1 estimate is returned.
 */
export function estimateDecodeAtTarget(
  options: Omit<Parameters<typeof estimateDecode>[0], 'batchSize'> & {
    maxBatchSize: number;
    tpotTargetMs?: number;
  },
): DecodeEstimate {
  let best = estimateDecode({ ...options, batchSize: 1 });
  for (let batchSize = 2; batchSize <= options.maxBatchSize; batchSize *= 2) {
    const estimate = estimateDecode({ ...options, batchSize });
    if (estimate.tpotMs > (options.tpotTargetMs ?? Number.POSITIVE_INFINITY)) break;
    best = estimate;
  }
  return best;
}
