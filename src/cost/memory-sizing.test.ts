import { describe, expect, it } from 'vitest';
import type { Architecture } from './catalog-types.ts';
import { fitOnGpus, kvCacheBytesPerToken, memoryNeed, weightBytes } from './memory-sizing.ts';

const gpu80 = { memoryGb: 80 };
// Llama 3.1 70B: 70.56 B parameters, 80 layers, 8 KV heads of 128 dimensions (catalog).
const llama70b: Architecture = { layers: 80, kvHeads: 8, headDim: 128 };
// Llama 3.1 405B: 410.14 B parameters, 126 layers, 8 KV heads of 128 dimensions.
const llama405b: Architecture = { layers: 126, kvHeads: 8, headDim: 128 };

describe('memory sizing', () => {
  it('KV cache per token is 2 × layers × kv_heads × head_dim × bytes', () => {
    // 2 × 80 × 8 × 128 × 2 bytes = 327,680 bytes (0.33 MB) per token in bf16
    expect(kvCacheBytesPerToken({ architecture: llama70b, precision: 'bf16' })).toBe(327_680);
    // DeepSeek-V3's MLA caches 576 elements per layer: 61 × 576 × 2 = 70,272 bytes
    expect(
      kvCacheBytesPerToken({
        architecture: { layers: 61, kvElementsPerTokenPerLayer: 576 },
        precision: 'bf16',
      }),
    ).toBe(70_272);
  });

  it('Llama 3.1 70B in bf16 does not fit on one 80 GB GPU', () => {
    // weights: 70.56e9 × 2 bytes = 141.1 GB > 80 GB × 0.9 usable = 72 GB, before any KV cache
    expect(weightBytes({ totalParametersBillions: 70.56, precision: 'bf16' })).toBeCloseTo(141.12e9, -7);
    const need = memoryNeed({
      totalParametersBillions: 70.56,
      architecture: llama70b,
      weightPrecision: 'bf16',
      kvCachePrecision: 'bf16',
      contextTokens: 8192,
      concurrentSequences: 1,
    });
    const fit = fitOnGpus({ need, gpu: gpu80 });
    // 141.1 GB + 8,192 × 327,680 B (2.7 GB) = 143.8 GB: one GPU holds 72 GB, two hold 144 GB
    expect(fit.type === 'fits' && fit.gpuCount).toBe(2);
  });

  it('Llama 3.1 70B in int4 fits on one 80 GB GPU at 8k context and low concurrency', () => {
    // weights: 70.56e9 × 0.5 bytes = 35.3 GB; KV: 8,192 tokens × 4 sequences × 327,680 B = 10.7 GB
    // 35.3 + 10.7 = 46.0 GB ≤ 72 GB usable (80 GB less 10% runtime overhead)
    const need = memoryNeed({
      totalParametersBillions: 70.56,
      architecture: llama70b,
      weightPrecision: 'int4',
      kvCachePrecision: 'bf16',
      contextTokens: 8192,
      concurrentSequences: 4,
    });
    expect(need.totalBytes / 1e9).toBeCloseTo(46.02, 1);
    expect(fitOnGpus({ need, gpu: gpu80 })).toMatchObject({ type: 'fits', gpuCount: 1 });
    // …but not at high concurrency: 64 sequences × 8,192 × 327,680 B = 171.8 GB of cache
    const busy = memoryNeed({
      ...{ totalParametersBillions: 70.56, architecture: llama70b },
      weightPrecision: 'int4',
      kvCachePrecision: 'bf16',
      contextTokens: 8192,
      concurrentSequences: 64,
    });
    expect(fitOnGpus({ need: busy, gpu: gpu80 })).toMatchObject({ type: 'fits', gpuCount: 4 });
  });

  it('Llama 3.1 405B in fp8 needs a full node of 8 × 80 GB', () => {
    // weights: 410.14e9 × 1 byte = 410.1 GB; KV: 8,192 × 2 × 126 × 8 × 128 × 2 B = 4.2 GB; total 414.4 GB
    // 4 GPUs hold 4 × 72 = 288 GB < 414.4; 8 GPUs hold 8 × 72 = 576 GB ≥ 414.4
    const need = memoryNeed({
      totalParametersBillions: 410.14,
      architecture: llama405b,
      weightPrecision: 'fp8',
      kvCachePrecision: 'bf16',
      contextTokens: 8192,
      concurrentSequences: 1,
    });
    expect(need.totalBytes / 1e9).toBeCloseTo(414.37, 1);
    expect(fitOnGpus({ need, gpu: gpu80 })).toMatchObject({ type: 'fits', gpuCount: 8, usableBytes: 576e9 });
    // and in bf16 (820 GB) it does not fit on one node at all
    const bf16 = memoryNeed({
      totalParametersBillions: 410.14,
      architecture: llama405b,
      weightPrecision: 'bf16',
      kvCachePrecision: 'bf16',
      contextTokens: 8192,
      concurrentSequences: 1,
    });
    expect(fitOnGpus({ need: bf16, gpu: gpu80 })).toMatchObject({ type: 'does-not-fit', largestGpuCount: 8 });
  });
});

describe('fitOnGpus at the boundary', () => {
  it('a need of exactly the usable memory fits', () => {
    // weights: 8e9 × 2 bytes = 16e9 B; KV: 2 × 10 layers × 2 heads × 100 × 2 B = 8,000 B a token
    // × 4,000 tokens × 125 sequences = 4e9 B; total 20e9 B = one 20 GB GPU with no overhead held back
    const need = memoryNeed({
      totalParametersBillions: 8,
      architecture: { layers: 10, kvHeads: 2, headDim: 100 },
      weightPrecision: 'bf16',
      kvCachePrecision: 'bf16',
      contextTokens: 4000,
      concurrentSequences: 125,
    });
    expect(need.totalBytes).toBe(20e9);
    expect(fitOnGpus({ need, gpu: { memoryGb: 20 }, runtimeOverheadFraction: 0 })).toMatchObject({
      type: 'fits',
      gpuCount: 1,
      usableBytes: 20e9,
    });
    // 1 MB less memory per GPU (19.999 GB): one GPU no longer holds it, two do
    expect(fitOnGpus({ need, gpu: { memoryGb: 19.999 }, runtimeOverheadFraction: 0 })).toMatchObject({
      type: 'fits',
      gpuCount: 2,
    });
  });
});
