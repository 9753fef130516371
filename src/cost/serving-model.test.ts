// The serving model's roofline worked out by hand on a synthetic GPU and model (round numbers, so every step can
// be followed): compute and memory time of one scheduler step, the engine and tensor-parallel overheads, the
// figures derived from the step, the compute mode per precision, and the choice of operating point.
import { describe, expect, it } from 'vitest';
import {
  batchSizes,
  bestServingPoint,
  computeMode,
  servingPoint,
  type ServingModelParameters,
  type ServingSetup,
} from './serving-model.ts';

/** 1,000 GB/s and 100 dense bf16 TFLOP/s per GPU; fp8 tensor cores at 200, int8 at 400. */
const gpu = { id: 'G', memoryBandwidthGbPerSecond: 1000, denseTflops: { bf16: 100, fp8: 200, int8: 400 } };

/** Half the peak compute and half the peak bandwidth; 2 ms a step in engine e, 5 ms in f; 1 ms per extra GPU. */
const parameters: ServingModelParameters = {
  computeEfficiency: 0.5,
  bandwidthEfficiency: 0.5,
  stepOverheadMsByEngine: { e: 2, f: 5 },
  estimateEngine: 'e',
  tensorParallelOverheadMsPerGpu: 1,
};

/** A dense 10 B model: 10 layers × 2 KV heads × 100 dimensions → 2 × 10 × 2 × 100 × 2 B = 8,000 B a token in bf16. */
const dense: ServingSetup = {
  gpu,
  gpuCount: 2,
  precision: 'bf16',
  kvCachePrecision: 'bf16',
  totalParametersBillions: 10,
  activeParametersBillions: 10,
  architecture: { layers: 10, kvHeads: 2, headDim: 100 },
};

describe('servingPoint: one scheduler step by hand', () => {
  it('memory-bound: 2 GPUs, batch 4 of 500 prompt / 250 output tokens', () => {
    // compute: 2 GPUs × 100e12 × 0.5 = 1e14 FLOP/s; memory: 2 × 1,000e9 B/s × 0.5 = 1e12 B/s
    // prompt tokens prefilled per step: 4 × 500 / 250 = 8; FLOPs per token: 2 × 10e9 = 2e10
    // decode compute: 2e10 × 4 / 1e14 = 0.8 ms; prefill compute: 2e10 × 8 / 1e14 = 1.6 ms
    // weights read: min(10, 10 × (4 + 8)) = 10 B parameters × 2 B = 2e10 B
    // KV read: 4 sequences × (500 + 250 / 2 = 625 tokens) × 8,000 B = 2e7 B
    // memory time: (2e10 + 2e7) / 1e12 = 20.02 ms > 2.4 ms of compute: memory-bound
    // overhead: 2 ms (engine e, the estimate engine) + (2 − 1) × 1 ms = 3 ms; step = 23.02 ms
    const point = servingPoint({
      setup: dense,
      request: { inputTokens: 500, outputTokens: 250 },
      batchSize: 4,
      parameters,
    });
    expect(point.batchSize).toBe(4);
    expect(point.tpotMs).toBeCloseTo(23.02, 10);
    // TTFT: the prompt alone at full compute, 2e10 × 500 / 1e14 = 100 ms, plus one step
    expect(point.ttftMs).toBeCloseTo(123.02, 10);
    expect(point.outputTokensPerSecond).toBeCloseTo(4 / 0.02302, 9);
    expect(point.inputTokensPerSecond).toBeCloseTo(8 / 0.02302, 9);
    expect(point.requestsPerSecond).toBeCloseTo(4 / 250 / 0.02302, 12);
    // prefill's share: 1.6 ms of prefill compute ÷ (1.6 ms + decode step max(0.8, 20.02) + 3 = 23.02 ms)
    expect(point.prefillTimeShare).toBeCloseTo(0.0016 / (0.0016 + 0.02302), 12);
    expect(point.bound).toBe('memory');
    expect(point.computeMode).toBe('native');
  });

  it('compute-bound: batch 64 of 4,000 prompt / 100 output tokens', () => {
    // prompt tokens per step: 64 × 4,000 / 100 = 2,560
    // decode compute: 2e10 × 64 / 1e14 = 12.8 ms; prefill compute: 2e10 × 2,560 / 1e14 = 512 ms; together 524.8 ms
    // memory: (2e10 weights + 64 × (4,000 + 50) × 8,000 = 2.0736e9 KV) / 1e12 = 22.0736 ms: compute-bound
    // step = 524.8 + 3 = 527.8 ms; decode step = max(12.8, 22.0736) + 3 = 25.0736 ms
    const point = servingPoint({
      setup: dense,
      request: { inputTokens: 4000, outputTokens: 100 },
      batchSize: 64,
      parameters,
    });
    expect(point.tpotMs).toBeCloseTo(527.8, 9);
    // TTFT: 2e10 × 4,000 / 1e14 = 800 ms + 527.8 ms
    expect(point.ttftMs).toBeCloseTo(1327.8, 9);
    expect(point.outputTokensPerSecond).toBeCloseTo(64 / 0.5278, 9);
    expect(point.inputTokensPerSecond).toBeCloseTo(2560 / 0.5278, 9);
    expect(point.requestsPerSecond).toBeCloseTo(64 / 100 / 0.5278, 12);
    expect(point.prefillTimeShare).toBeCloseTo(0.512 / (0.512 + 0.0250736), 12);
    expect(point.bound).toBe('compute');
  });

  it('fp8 weights and cache on fp8 tensor cores; a mixture of experts reads only its active experts, at most all', () => {
    // 1 GPU: 200e12 × 0.5 = 1e14 FLOP/s; 1,000e9 × 0.5 = 5e11 B/s. 100 B parameters, 10 B active, 1 byte each.
    // KV in fp8: 2 × 10 × 2 × 100 × 1 B = 4,000 B a token. Engine f: 5 ms, no tensor-parallel overhead.
    const moe: ServingSetup = {
      ...dense,
      gpuCount: 1,
      precision: 'fp8',
      kvCachePrecision: 'fp8',
      totalParametersBillions: 100,
      activeParametersBillions: 10,
    };
    const request = { inputTokens: 100, outputTokens: 100 };
    // batch 1: 1 decode + 1 prompt token per step read min(100, 10 × 2) = 20 B parameters = 2e10 B;
    // KV: 1 × (100 + 50) × 4,000 = 6e5 B; memory (2e10 + 6e5) / 5e11 = 40.0012 ms; compute 2 × 0.2 ms
    // step = 40.0012 + 5 = 45.0012 ms; TTFT = 2e10 × 100 / 1e14 = 20 ms + 45.0012 ms
    const one = servingPoint({ setup: moe, request, batchSize: 1, parameters, engine: 'f' });
    expect(one.tpotMs).toBeCloseTo(45.0012, 10);
    expect(one.ttftMs).toBeCloseTo(65.0012, 10);
    expect(one.prefillTimeShare).toBeCloseTo(0.0002 / (0.0002 + 0.0450012), 12);
    expect(one.computeMode).toBe('native');
    // batch 8: 8 + 8 tokens would touch 160 B parameters: all 100 B are read once, 1e11 B;
    // KV 8 × 150 × 4,000 = 4.8e6 B; memory (1e11 + 4.8e6) / 5e11 = 200.0096 ms; step 205.0096 ms
    const eight = servingPoint({ setup: moe, request, batchSize: 8, parameters, engine: 'f' });
    expect(eight.tpotMs).toBeCloseTo(205.0096, 9);
    expect(eight.outputTokensPerSecond).toBeCloseTo(8 / 0.2050096, 9);
  });

  it('takes the estimate engine’s overhead for an unknown engine, and none when that is unknown too', () => {
    const request = { inputTokens: 500, outputTokens: 250 };
    // Same step as the first case: 20.02 ms of memory + 2 ms (engine e) + 1 ms (second GPU).
    const unknown = servingPoint({ setup: dense, request, batchSize: 4, parameters, engine: 'zz' });
    expect(unknown.tpotMs).toBeCloseTo(23.02, 10);
    // Engine f: 20.02 + 5 + 1 = 26.02 ms.
    expect(servingPoint({ setup: dense, request, batchSize: 4, parameters, engine: 'f' }).tpotMs).toBeCloseTo(
      26.02,
      10,
    );
    // An estimate engine with no overhead of its own: only the tensor-parallel 1 ms, 21.02 ms.
    const bare = { ...parameters, estimateEngine: 'none' };
    expect(servingPoint({ setup: dense, request, batchSize: 4, parameters: bare }).tpotMs).toBeCloseTo(
      21.02,
      10,
    );
    // Four GPUs: twice the compute and bandwidth, 3 ms of tensor-parallel overhead.
    // memory (2e10 + 2e7) / 2e12 = 10.01 ms; step 10.01 + 2 + 3 = 15.01 ms
    expect(
      servingPoint({ setup: { ...dense, gpuCount: 4 }, request, batchSize: 4, parameters }).tpotMs,
    ).toBeCloseTo(15.01, 10);
  });

  it('uses the calibrated constants by default (0.2 compute, 0.8 bandwidth, 1 ms multistep, 2 ms per extra GPU)', () => {
    // 1 GPU bf16, batch 1, 500/250: memory (2e10 + 1 × 625 × 8,000 = 5e6) / (1,000e9 × 0.8) = 25.00625 ms;
    // compute 2e10 × (1 + 2) / (100e12 × 0.2) = 3 ms; step = 25.00625 + 1 = 26.00625 ms
    const point = servingPoint({
      setup: { ...dense, gpuCount: 1 },
      request: { inputTokens: 500, outputTokens: 250 },
      batchSize: 1,
    });
    expect(point.tpotMs).toBeCloseTo(26.00625, 10);
  });
});

describe('servingPoint: a step where compute and memory take the same time', () => {
  it('names compute as the bound at an exact tie', () => {
    // 1 GPU of 2 TFLOP/s and 2,000.4 GB/s at full efficiency; 1 B of 1,000 B parameters active, bf16; prompts of
    // no tokens, 100 output tokens. Batch 1: compute 2 × 1e9 / 2e12 = 1 ms; memory (1e9 × 2 B + (0 + 50) × 8,000 B)
    // / 2.0004e12 B/s = 2.0004e9 / 2.0004e12 = 1 ms (exactly, in floating point too).
    const point = servingPoint({
      setup: {
        ...dense,
        gpu: { id: 'T', memoryBandwidthGbPerSecond: 2000.4, denseTflops: { bf16: 2 } },
        gpuCount: 1,
        totalParametersBillions: 1000,
        activeParametersBillions: 1,
      },
      request: { inputTokens: 0, outputTokens: 100 },
      batchSize: 1,
      parameters: {
        ...parameters,
        computeEfficiency: 1,
        bandwidthEfficiency: 1,
        stepOverheadMsByEngine: {},
      },
    });
    expect(point.tpotMs).toBe(1);
    expect(point.bound).toBe('compute');
  });
});

describe('computeMode', () => {
  it('computes bf16 and fp16 natively, fp8 and int8 on their own tensor cores, int4 always at the bf16 rate', () => {
    expect(computeMode(gpu, 'bf16')).toEqual({ tflops: 100, mode: 'native' });
    expect(computeMode(gpu, 'fp16')).toEqual({ tflops: 100, mode: 'native' });
    expect(computeMode(gpu, 'fp8')).toEqual({ tflops: 200, mode: 'native' });
    expect(computeMode(gpu, 'int8')).toEqual({ tflops: 400, mode: 'native' });
    expect(computeMode(gpu, 'int4')).toEqual({ tflops: 100, mode: 'weight-only' });
    // An A100-like GPU: int8 tensor cores, no fp8; and one with fp8 but no int8.
    const int8Only = { denseTflops: { bf16: 100, int8: 400 } };
    expect(computeMode(int8Only, 'fp8')).toEqual({ tflops: 100, mode: 'weight-only' });
    expect(computeMode(int8Only, 'int8')).toEqual({ tflops: 400, mode: 'native' });
    const fp8Only = { denseTflops: { bf16: 100, fp8: 200 } };
    expect(computeMode(fp8Only, 'int8')).toEqual({ tflops: 100, mode: 'weight-only' });
  });

  it('runs weight-only fp8 compute at the bf16 rate in the step, with fp8 weight reads', () => {
    // 1 A100-like GPU, fp8 weights: compute at 100e12 × 0.5 = 5e13 FLOP/s; batch 64 of 4,000/100 tokens:
    // (64 + 2,560) × 2e10 / 5e13 = 1,049.6 ms ≥ memory (1e10 + 2.0736e9) / 5e11 = 24.1472 ms; step 1,051.6 ms
    const point = servingPoint({
      setup: {
        ...dense,
        gpu: { ...gpu, denseTflops: { bf16: 100, int8: 400 } },
        gpuCount: 1,
        precision: 'fp8',
      },
      request: { inputTokens: 4000, outputTokens: 100 },
      batchSize: 64,
      parameters,
    });
    expect(point.computeMode).toBe('weight-only');
    expect(point.tpotMs).toBeCloseTo(1051.6, 9);
  });
});

describe('bestServingPoint', () => {
  const request = { inputTokens: 500, outputTokens: 250 };
  // Memory-bound on 2 GPUs: step(b) = (2e10 + b × 625 × 8,000) / 1e12 + 3 ms = 23 + 0.005 b ms
  // while compute 2e10 × 3b / 1e14 = 0.6 b ms stays below it (b ≤ 38); above, 0.6 b + 3 ms.
  // b = 1: 23.005 ms, 2: 23.01, 4: 23.02, 8: 23.04, 16: 23.08, 32: 23.16, 64: 41.4, 128: 79.8, 256: 156.6 ms.

  it('tries powers of two up to vLLM’s 256 sequences', () => {
    expect([...batchSizes]).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  });

  it('takes the largest batch the KV cache holds without targets, the cache limit included', () => {
    const held = (maxBatchSize: number) =>
      bestServingPoint({ setup: dense, request, maxBatchSize, parameters }).point.batchSize;
    expect(held(1000)).toBe(256);
    expect(held(64)).toBe(64);
    expect(held(63)).toBe(32);
    // Not even one sequence fits: the batch-1 point all the same.
    expect(held(0)).toBe(1);
    expect(bestServingPoint({ setup: dense, request, maxBatchSize: 0, parameters }).meetsTargets).toBe(true);
  });

  it('takes the highest-throughput batch within the TPOT and TTFT targets', () => {
    // TPOT ≤ 41.4 ms admits batch 64 (41.4 ms), not 128.
    const tpot = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      tpotTargetMs: 41.41,
    });
    expect(tpot).toMatchObject({ meetsTargets: true, point: { batchSize: 64 } });
    expect(tpot.point.tpotMs).toBeCloseTo(41.4, 9);
    // TTFT = 100 ms of prompt + one step: ≤ 141.5 ms admits batch 64 (141.4 ms), not 128 (179.8 ms).
    const ttft = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      ttftTargetMs: 141.5,
    });
    expect(ttft.point.batchSize).toBe(64);
    // Both targets: the stricter one binds. TPOT ≤ 30 ms admits batch 32 (23.16 ms).
    const both = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      tpotTargetMs: 30,
      ttftTargetMs: 1000,
    });
    expect(both.point.batchSize).toBe(32);
    const both2 = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      tpotTargetMs: 1000,
      ttftTargetMs: 124,
    });
    // TTFT ≤ 124 ms: batch 32 (100 + 23.16 = 123.16 ms), not 64 (141.4 ms).
    expect(both2.point.batchSize).toBe(32);
  });

  it('admits a point whose TPOT or TTFT equals the target', () => {
    // The targets are the batch-64 point's own figures (41.4 ms and 141.4 ms): batch 64 is admitted, 128 is not.
    const at64 = servingPoint({ setup: dense, request, batchSize: 64, parameters });
    const tpot = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      tpotTargetMs: at64.tpotMs,
    });
    expect(tpot).toMatchObject({ meetsTargets: true, point: { batchSize: 64 } });
    const ttft = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      ttftTargetMs: at64.ttftMs,
    });
    expect(ttft).toMatchObject({ meetsTargets: true, point: { batchSize: 64 } });
  });

  it('reports the batch-1 point as missing the targets when even one sequence misses them', () => {
    const tooFast = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      tpotTargetMs: 23,
    });
    expect(tooFast.meetsTargets).toBe(false);
    expect(tooFast.point.batchSize).toBe(1);
    expect(tooFast.point.tpotMs).toBeCloseTo(23.005, 10);
    const ttftMiss = bestServingPoint({
      setup: dense,
      request,
      maxBatchSize: 256,
      parameters,
      ttftTargetMs: 123,
    });
    expect(ttftMiss).toMatchObject({ meetsTargets: false, point: { batchSize: 1 } });
  });

  it('keeps the smallest batch among points of equal throughput (no latency spent for nothing)', () => {
    // A mixture of experts that touches 1 B parameters a token out of 1,000 B, prompts of no tokens, one GPU, no
    // overheads: every step reads b × (1e9 × 2 B + 50 × 8,000 B) — the step time grows exactly with the batch
    // (powers of two scale floating-point values exactly), so every batch delivers the same tokens per second.
    const proportional: ServingSetup = {
      ...dense,
      gpuCount: 1,
      totalParametersBillions: 1000,
      activeParametersBillions: 1,
    };
    const flat = { ...parameters, stepOverheadMsByEngine: {}, tensorParallelOverheadMsPerGpu: 0 };
    const at = (batchSize: number) =>
      servingPoint({
        setup: proportional,
        request: { inputTokens: 0, outputTokens: 100 },
        batchSize,
        parameters: flat,
      });
    expect(at(256).outputTokensPerSecond).toBe(at(1).outputTokensPerSecond);
    const best = bestServingPoint({
      setup: proportional,
      request: { inputTokens: 0, outputTokens: 100 },
      maxBatchSize: 256,
      parameters: flat,
    });
    expect(best.point.batchSize).toBe(1);
  });
});
