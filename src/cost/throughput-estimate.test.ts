// Decode throughput from memory bandwidth, against figures worked out by hand from the formula in the
// function's documentation: step seconds = (weights read + batch × context × KV bytes) / (bandwidth × GPUs ×
// efficiency).
import { describe, expect, it } from 'vitest';
import { defaultBandwidthEfficiency, estimateDecode, estimateDecodeAtTarget } from './throughput-estimate.ts';

// 2 GPUs × 2,000 GB/s × 0.5 = 2e12 bytes/s.
const dense = {
  gpu: { memoryBandwidthGbPerSecond: 2000 },
  gpuCount: 2,
  totalWeightBytes: 140e9,
  activeWeightBytes: 140e9,
  kvCacheBytesPerToken: 320e3,
  averageContextTokens: 2000,
  bandwidthEfficiency: 0.5,
};

describe('estimateDecode', () => {
  it('reads the weights once per step plus every sequence’s KV cache (dense model, batch 8)', () => {
    // (140e9 + 8 × 2,000 × 320e3 = 5.12e9) / 2e12 = 0.07256 s per step.
    const estimate = estimateDecode({ ...dense, batchSize: 8 });
    expect(estimate.batchSize).toBe(8);
    expect(estimate.tpotMs).toBeCloseTo(72.56, 9);
    expect(estimate.outputTokensPerSecond).toBeCloseTo(8 / 0.07256, 9);
  });

  it('a mixture of experts reads its active experts per sequence, at most every expert', () => {
    const moe = { ...dense, totalWeightBytes: 600e9, activeWeightBytes: 40e9, kvCacheBytesPerToken: 0 };
    // Batch 8: 8 × 40e9 = 320e9 bytes < 600e9 → 0.16 s. Batch 32: 1,280e9 capped at 600e9 → 0.3 s.
    expect(estimateDecode({ ...moe, batchSize: 8 }).tpotMs).toBeCloseTo(160, 9);
    expect(estimateDecode({ ...moe, batchSize: 32 }).tpotMs).toBeCloseTo(300, 9);
    expect(estimateDecode({ ...moe, batchSize: 32 }).outputTokensPerSecond).toBeCloseTo(32 / 0.3, 9);
  });

  it('assumes 60% of peak bandwidth when no efficiency is given', () => {
    expect(defaultBandwidthEfficiency).toBe(0.6);
    const { bandwidthEfficiency: _unused, ...withoutEfficiency } = dense;
    // 140e9 + 5.12e9 bytes at 2 × 2,000e9 × 0.6 = 2.4e12 bytes/s.
    expect(estimateDecode({ ...withoutEfficiency, batchSize: 8 }).tpotMs).toBeCloseTo(
      (145.12e9 / 2.4e12) * 1000,
      9,
    );
  });
});

describe('estimateDecodeAtTarget', () => {
  // Batch b: (140e9 + b × 0.64e9) / 2e12 s → 70.32, 70.64, 71.28, 72.56, 75.12, 80.24 ms for 1, 2, 4, 8, 16, 32.
  it('takes the largest power-of-two batch up to the maximum when there is no TPOT target', () => {
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 16 }).batchSize).toBe(16);
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 20 }).batchSize).toBe(16);
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 1 }).batchSize).toBe(1);
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 16 }).tpotMs).toBeCloseTo(75.12, 9);
  });

  it('stops at the last batch whose TPOT meets the target', () => {
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 64, tpotTargetMs: 72.56 }).batchSize).toBe(8);
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 64, tpotTargetMs: 75 }).batchSize).toBe(8);
    expect(estimateDecodeAtTarget({ ...dense, maxBatchSize: 64, tpotTargetMs: 71 }).batchSize).toBe(2);
  });

  it('returns the batch-1 estimate when even one sequence misses the target', () => {
    const estimate = estimateDecodeAtTarget({ ...dense, maxBatchSize: 64, tpotTargetMs: 10 });
    expect(estimate.batchSize).toBe(1);
    expect(estimate.tpotMs).toBeCloseTo(70.32, 9);
  });
});
