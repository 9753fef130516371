// Self-hosting plans on a small synthetic model and GPU, with figures worked out by hand: memory (weights + KV
// cache against usable GPU memory), measured throughput used as measured, the replicas and month it implies,
// latency violations, the cheapest eligible setup (the faster one at equal cost), and the labels.
import { describe, expect, it } from 'vitest';
import { catalogModelSchema, gpuSchema, type Gpu } from './catalog-types.ts';
import { planSelfHosting, sameGpu, setupLabel, type SelfHostingInputs } from './self-hosting-plan.ts';
import { servingPoint } from './serving-model.ts';
import type { MeasuredThroughput } from './workload.ts';

const gpu = (id: string): Gpu =>
  gpuSchema.parse({
    id,
    name: id,
    aliases: [`${id.toLowerCase()}-alias`],
    memoryGb: 16,
    memoryBandwidthGbPerSecond: 1000,
    denseTflops: { bf16: 300 },
    specSource: 'datasheet',
    hourlyUsd: 1,
    priceSource: 'cloud',
    priceAsOf: '2026-11-01',
  });
const g = gpu('G');
const h = gpu('H');

// 10 B parameters: 20 GB of weights in bf16, 10 GB in fp8. KV cache: 10 layers × 2 × 2 heads × 100 × 2 bytes =
// 8,000 bytes a token; 10 sequences × 1,000 tokens = 0.08 GB.
const modelFacts = {
  id: 'small-10b',
  name: 'Small 10B',
  vendor: 'v',
  openWeights: true,
  licence: { id: 'apache-2.0', commercialUse: true },
  fineTunable: true,
  contextTokens: 8192,
  parameters: { totalBillions: 10, activeBillions: 10 },
  architecture: { layers: 10, kvHeads: 2, headDim: 100 },
  factsSource: 'card',
  factsAsOf: '2026-10-01',
};
const model = catalogModelSchema.parse(modelFacts);

const measure = (entry: Omit<MeasuredThroughput, 'model' | 'source'> & { source?: string }) =>
  ({ model: 'small-10b', source: 'bench run r1', ...entry }) as MeasuredThroughput;

function inputs(overrides: Partial<SelfHostingInputs> = {}): SelfHostingInputs {
  return {
    gpus: [g],
    gpuHourlyUsd: () => 1,
    precisions: ['bf16', 'fp8'],
    kvCachePrecision: 'bf16',
    contextTokens: 1000,
    concurrentSequences: 10,
    runtimeOverheadFraction: 0.1,
    request: { inputTokens: 500, outputTokens: 250 },
    utilizationCeiling: 0.5,
    outputTokensPerMonth: 1e9,
    peakRequestsPerSecond: 3,
    fixedUsdPerMonth: 100,
    measured: [
      measure({
        gpu: 'g',
        gpuCount: 1,
        precision: 'fp8',
        outputTokensPerSecond: 1000,
        tpotMs: 20,
        ttftMs: 150,
      }),
      measure({
        gpu: 'G',
        gpuCount: 2,
        precision: 'bf16',
        outputTokensPerSecond: 1500,
        tpotMs: 25,
        ttftMs: 300,
      }),
    ],
    ...overrides,
  };
}

describe('planSelfHosting', () => {
  it('refuses models without open weights or sizing facts', () => {
    expect(planSelfHosting({ model: { ...model, openWeights: false }, inputs: inputs() })).toEqual({
      rejected: [],
      impossible: 'small-10b has no open weights',
    });
    const { architecture: _architecture, ...withoutArchitecture } = modelFacts;
    expect(
      planSelfHosting({ model: catalogModelSchema.parse(withoutArchitecture), inputs: inputs() }),
    ).toEqual({
      rejected: [],
      impossible: 'the catalog has no parameter count or architecture for small-10b',
    });
    const { parameters: _parameters, ...withoutParameters } = modelFacts;
    expect(
      planSelfHosting({ model: catalogModelSchema.parse(withoutParameters), inputs: inputs() }).impossible,
    ).toBe('the catalog has no parameter count or architecture for small-10b');
  });

  it('rejects a setup whose memory is too small, with the sizes in the message', () => {
    const result = planSelfHosting({ model, inputs: inputs() });
    // 16 GB × 0.9 = 14.4 GB usable on one GPU; bf16 needs 20 + 0.08 GB.
    const single = result.rejected.find((setup) => setup.precision === 'bf16' && setup.gpuCount === 1);
    expect(single?.violations).toEqual([
      'memory: needs 20.1 GB in bf16 (weights 20.0 GB + KV cache 0.1 GB for 10 × 1000 tokens); 1 × G hold 14.4 GB',
    ]);
    expect(single?.weightBytes).toBe(20e9);
    expect(single?.kvCacheBytes).toBe(80e6);
    expect(single?.usableBytes).toBeCloseTo(14.4e9, 0);
    expect(single?.throughput).toBeUndefined();
    expect(single?.month).toBeUndefined();
    // Every GPU count × precision is evaluated once: 2 precisions × (1, 2, 4, 8 GPUs).
    expect(result.rejected.length + (result.plan ? 1 : 0)).toBe(8);
  });

  it('uses a measurement as measured and chooses the cheapest setup that meets everything', () => {
    const result = planSelfHosting({ model, inputs: inputs({ tpotTargetMs: 22, ttftTargetMs: 200 }) });
    const plan = result.plan;
    expect(plan?.gpu.id).toBe('G');
    expect(plan?.gpuCount).toBe(1);
    expect(plan?.precision).toBe('fp8');
    expect(plan?.violations).toEqual([]);
    expect(plan?.gpuHourlyUsd).toBe(1);
    expect(plan?.computeMode).toBe('weight-only');
    expect(plan?.throughput).toMatchObject({
      outputTokensPerSecond: 1000,
      inputTokensPerSecond: 2000,
      requestsPerSecond: 4,
      tpotMs: 20,
      ttftMs: 150,
      basis: 'measured',
      adjusted: false,
      source: 'bench run r1',
    });
    expect(plan?.throughput.prefillTimeShare).toBeGreaterThan(0);
    expect(plan?.throughput.prefillTimeShare).toBeLessThan(1);
    // 1,000 tokens/s × 3,600 × 730 h = 2.628e9 a month at full load, 1.314e9 at the 50% ceiling: one replica
    // for 1e9 (and for the 3 requests/s peak at 4 requests/s); 1 GPU × $1 × 730 h + $100.
    expect(plan?.month).toMatchObject({ replicas: 1, gpuUsdPerMonth: 730, monthlyUsd: 830 });
    expect(plan?.month.utilization).toBeCloseTo(1e9 / 2.628e9, 12);
    expect(result.rejected).not.toContain(plan);
    // The 2-GPU bf16 measurement is slower than both targets.
    const slow = result.rejected.find((setup) => setup.precision === 'bf16' && setup.gpuCount === 2);
    expect(slow?.violations).toEqual([
      'latency: time per output token 25.0 ms (measured) exceeds the target 22 ms',
      'latency: time to first token 300 ms (measured) exceeds the target 200 ms',
    ]);
  });

  it('takes the faster of two setups of equal cost', () => {
    const result = planSelfHosting({
      model,
      inputs: inputs({
        gpus: [g, h],
        measured: [
          measure({ gpu: 'G', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 20 }),
          measure({ gpu: 'h-alias', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 15 }),
        ],
      }),
    });
    expect(result.plan?.gpu.id).toBe('H');
    expect(result.plan?.throughput.tpotMs).toBe(15);
  });

  it('needs more replicas for a larger volume or peak, and has no plan when every setup fails', () => {
    const busy = planSelfHosting({
      model,
      inputs: inputs({ outputTokensPerMonth: 3e9, precisions: ['fp8'] }),
    });
    // 3e9 ÷ 1.314e9 → 3 replicas of the measured 1-GPU setup: $2,190 + $100.
    const measuredSetup = [busy.plan, ...busy.rejected].find((setup) => setup?.gpuCount === 1);
    expect(measuredSetup?.month).toMatchObject({ replicas: 3, replicasForVolume: 3, monthlyUsd: 2290 });
    const peak = planSelfHosting({
      model,
      inputs: inputs({ peakRequestsPerSecond: 9, precisions: ['fp8'] }),
    });
    const peakSetup = [peak.plan, ...peak.rejected].find((setup) => setup?.gpuCount === 1);
    expect(peakSetup?.month).toMatchObject({ replicas: 3, replicasForPeak: 3 });
    const none = planSelfHosting({ model, inputs: inputs({ tpotTargetMs: 0.001 }) });
    expect(none.plan).toBeUndefined();
    expect('plan' in none).toBe(false);
    expect(none.rejected).toHaveLength(8);
  });

  it('moves a measurement taken at other request sizes by the serving model, and keeps one within a quarter', () => {
    const at = (inputTokens: number) =>
      planSelfHosting({
        model,
        inputs: inputs({
          precisions: ['fp8'],
          measured: [
            measure({
              gpu: 'G',
              gpuCount: 1,
              precision: 'fp8',
              outputTokensPerSecond: 1000,
              tpotMs: 20,
              ttftMs: 150,
              inputTokens,
              outputTokens: 250,
            }),
          ],
        }),
      }).plan?.throughput;
    // 500 wanted ÷ 400 measured − 1 = 0.25: still within a quarter.
    expect(at(400)).toMatchObject({ tpotMs: 20, adjusted: false, source: 'bench run r1' });
    const moved = at(2000);
    expect(moved?.adjusted).toBe(true);
    expect(moved?.basis).toBe('measured');
    // Batch 1,000 tokens/s × 20 ms = 20 sequences; shorter prompts make every step shorter.
    expect(moved?.source).toBe(
      'bench run r1; adjusted by the serving model from 2000/250 to 500/250 tokens per request at batch 20',
    );
    expect(moved?.tpotMs).toBeLessThan(20);
    expect(moved?.ttftMs).toBeLessThan(150);
    expect(moved?.outputTokensPerSecond).toBeCloseTo((20 / (moved?.tpotMs ?? 0)) * 1000, 9);
    expect(moved?.inputTokensPerSecond).toBeCloseTo(((moved?.outputTokensPerSecond ?? 0) * 500) / 250, 9);
    expect(moved?.requestsPerSecond).toBeCloseTo((moved?.outputTokensPerSecond ?? 0) / 250, 9);
  });

  it('takes the serving model’s batch-1 step as the TPOT of a measurement without one', () => {
    const result = planSelfHosting({
      model,
      inputs: inputs({
        precisions: ['fp8'],
        measured: [measure({ gpu: 'G', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000 })],
      }),
    });
    const setup = [result.plan, ...result.rejected].find((entry) => entry?.gpuCount === 1);
    const batchOne = servingPoint({
      setup: {
        gpu: g,
        gpuCount: 1,
        precision: 'fp8',
        kvCachePrecision: 'bf16',
        totalParametersBillions: 10,
        activeParametersBillions: 10,
        architecture: { layers: 10, kvHeads: 2, headDim: 100 },
      },
      request: { inputTokens: 500, outputTokens: 250 },
      batchSize: 1,
    });
    expect(setup?.throughput?.tpotMs).toBe(batchOne.tpotMs);
    expect(setup?.throughput?.ttftMs).toBeUndefined();
  });

  it('uses a published figure only within its sequence length, else the serving model’s estimate', () => {
    const published = (maxSequenceTokens: number) =>
      catalogModelSchema.parse({
        ...modelFacts,
        throughput: [
          {
            gpu: 'G',
            gpuCount: 1,
            precision: 'fp8',
            outputTokensPerSecond: 800,
            tpotMs: 30,
            inputTokens: 500,
            outputTokens: 250,
            maxSequenceTokens,
            engine: 'vllm-0.6.0-multistep',
            source: 'vendor blog',
            asOf: '2026-09-01',
          },
        ],
      });
    const figure = (maxSequenceTokens: number) => {
      const result = planSelfHosting({
        model: published(maxSequenceTokens),
        inputs: inputs({ measured: [], precisions: ['fp8'] }),
      });
      return [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 1)?.throughput;
    };
    // 500 + 250 = 750 tokens a request.
    expect(figure(750)).toMatchObject({
      basis: 'published',
      outputTokensPerSecond: 800,
      tpotMs: 30,
      source: 'vendor blog, as of 2026-09-01',
    });
    const estimate = figure(749);
    expect(estimate?.basis).toBe('estimate');
    expect(estimate?.source).toMatch(
      /^serving-model estimate at batch \d+, (memory|compute)-bound \(1 × G, fp8 weights, bf16 compute; calibrated/,
    );
  });

  it('estimates within the latency targets, or reports the batch-1 estimate as a violation', () => {
    const estimated = planSelfHosting({
      model,
      inputs: inputs({ measured: [], precisions: ['bf16'], tpotTargetMs: 1e6 }),
    });
    expect(estimated.plan?.throughput.basis).toBe('estimate');
    expect(estimated.plan?.violations).toEqual([]);
    const strict = planSelfHosting({
      model,
      inputs: inputs({ measured: [], precisions: ['bf16'], ttftTargetMs: 0.01 }),
    });
    expect(strict.plan).toBeUndefined();
    const fitting = strict.rejected.filter((setup) => setup.throughput);
    expect(fitting.length).toBe(3);
    for (const setup of fitting) {
      expect(setup.throughput?.source).toMatch(/^serving-model estimate at batch 1, /);
      expect(setup.violations).toEqual([
        expect.stringMatching(
          /^latency: time to first token \d+ ms \(estimate\) exceeds the target 0\.01 ms$/,
        ),
      ]);
    }
  });
});

describe('sameGpu and setupLabel', () => {
  it('matches a GPU by id or alias in any case', () => {
    expect(sameGpu(g, 'g')).toBe(true);
    expect(sameGpu(g, 'G-ALIAS')).toBe(true);
    expect(sameGpu(g, 'H')).toBe(false);
  });

  it('labels replicas (when more than one) × GPUs × type and precision, and weight-only compute', () => {
    const busy = planSelfHosting({
      model,
      inputs: inputs({ outputTokensPerMonth: 3e9, precisions: ['fp8'] }),
    });
    const three = [busy.plan, ...busy.rejected].find((setup) => setup?.gpuCount === 1);
    expect(setupLabel(three!)).toBe('3 × 1 × G fp8 (weight-only, bf16 compute)');
    const result = planSelfHosting({ model, inputs: inputs() });
    const one = [result.plan, ...result.rejected].find(
      (setup) => setup?.gpuCount === 2 && setup.precision === 'bf16',
    );
    expect(setupLabel(one!)).toBe('2 × G bf16');
    const memory = result.rejected.find((setup) => setup.gpuCount === 1 && setup.precision === 'bf16');
    expect(setupLabel(memory!)).toBe('1 × G bf16');
  });
});

describe('planSelfHosting: which figure each setup gets', () => {
  /** The throughput basis of each evaluated setup that fits, as "count × precision: basis". */
  const bases = (result: ReturnType<typeof planSelfHosting>): string[] =>
    [result.plan, ...result.rejected]
      .filter((setup) => setup?.throughput)
      .map((setup) => `${setup?.gpuCount} × ${setup?.precision}: ${setup?.throughput?.basis}`)
      .sort();

  it('applies a measurement only to its own GPU, GPU count, precision and model', () => {
    // bf16 fits on 2, 4 and 8 GPUs (20.08 GB > 14.4 GB), fp8 on all four counts (10.08 GB).
    expect(bases(planSelfHosting({ model, inputs: inputs() }))).toEqual([
      '1 × fp8: measured',
      '2 × bf16: measured',
      '2 × fp8: estimate',
      '4 × bf16: estimate',
      '4 × fp8: estimate',
      '8 × bf16: estimate',
      '8 × fp8: estimate',
    ]);
    // A measurement of another model (or on another GPU type) is not this model's.
    const other = planSelfHosting({
      model,
      inputs: inputs({
        precisions: ['fp8'],
        measured: [
          {
            ...measure({ gpu: 'G', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 20 }),
            model: 'other',
          },
          measure({ gpu: 'H', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 20 }),
        ],
      }),
    });
    expect(bases(other)).toEqual([
      '1 × fp8: estimate',
      '2 × fp8: estimate',
      '4 × fp8: estimate',
      '8 × fp8: estimate',
    ]);
  });

  it('uses a published figure without a sequence limit at any request size', () => {
    const published = catalogModelSchema.parse({
      ...modelFacts,
      throughput: [
        {
          gpu: 'g-alias',
          gpuCount: 1,
          precision: 'fp8',
          outputTokensPerSecond: 800,
          tpotMs: 30,
          inputTokens: 450,
          outputTokens: 240,
          engine: 'vllm-0.6.0-multistep',
          source: 'vendor blog',
          asOf: '2026-09-01',
        },
      ],
    });
    const result = planSelfHosting({
      model: published,
      inputs: inputs({ measured: [], precisions: ['fp8'] }),
    });
    const one = [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 1);
    // 500 / 450 and 250 / 240 are within a quarter: used as published, 800 tok/s at 30 ms.
    expect(one?.throughput).toMatchObject({
      basis: 'published',
      adjusted: false,
      outputTokensPerSecond: 800,
      tpotMs: 30,
    });
    // 800 tok/s ÷ 250 tokens = 3.2 requests/s; 800 × 500 / 250 = 1,600 prompt tokens/s
    expect(one?.throughput?.requestsPerSecond).toBe(3.2);
    expect(one?.throughput?.inputTokensPerSecond).toBe(1600);
  });

  it('keeps a measurement at output sizes a quarter away, and moves one further off', () => {
    const at = (outputTokens: number) =>
      planSelfHosting({
        model,
        inputs: inputs({
          precisions: ['fp8'],
          measured: [
            measure({
              gpu: 'G',
              gpuCount: 1,
              precision: 'fp8',
              outputTokensPerSecond: 1000,
              tpotMs: 20,
              inputTokens: 500,
              outputTokens,
            }),
          ],
        }),
      }).plan?.throughput;
    // 250 wanted ÷ 200 measured − 1 = 0.25: within a quarter; ÷ 199 − 1 = 0.256: moved.
    expect(at(200)?.adjusted).toBe(false);
    const moved = at(199);
    expect(moved?.adjusted).toBe(true);
    // Without a measured TTFT none is made up when the figure is moved.
    expect(moved?.ttftMs).toBeUndefined();
    expect(moved && 'ttftMs' in moved).toBe(false);
  });

  it('moves a longer-prompt measurement to the workload with its TTFT scaled by the serving model', () => {
    const result = planSelfHosting({
      model,
      inputs: inputs({
        precisions: ['fp8'],
        measured: [
          measure({
            gpu: 'G',
            gpuCount: 1,
            precision: 'fp8',
            outputTokensPerSecond: 1000,
            tpotMs: 20,
            ttftMs: 150,
            inputTokens: 2000,
            outputTokens: 250,
          }),
        ],
      }),
    });
    const moved = [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 1)?.throughput;
    // Batch 1,000 tok/s × 20 ms = 20 sequences. 1 × G fp8 computes at the bf16 rate: 300e12 × 0.2 = 6e13 FLOP/s;
    // bandwidth 1e12 × 0.8 = 8e11 B/s; 1 ms a step (estimate engine), 10 GB of fp8 weights, 8,000 B of KV a token.
    // at 500/250: prefill 40 tokens a step; compute 2e10 × 60 / 6e13 = 20 ms > memory (1e10 + 20 × 625 × 8,000)
    //   / 8e11 = 12.625 ms; step 21 ms; TTFT 2e10 × 500 / 6e13 = 166.67 ms + 21 = 187.67 ms
    // at 2000/250: prefill 160; compute 2e10 × 180 / 6e13 = 60 ms > memory (1e10 + 20 × 2,125 × 8,000) / 8e11
    //   = 12.925 ms; step 61 ms; TTFT 666.67 + 61 = 727.67 ms
    // moved: TPOT 20 × 21 / 61 = 6.8852 ms, TTFT 150 × 187.67 / 727.67 = 38.685 ms, 20 / 6.8852 ms = 2,904.76 tok/s
    expect(moved?.tpotMs).toBeCloseTo((20 * 21) / 61, 9);
    expect(moved?.ttftMs).toBeCloseTo((150 * (166.666666666667 + 21)) / (666.666666666667 + 61), 9);
    expect(moved?.outputTokensPerSecond).toBeCloseTo(2904.7619047619, 6);
  });
});

describe('planSelfHosting: estimates', () => {
  it('sizes the batch to the KV cache the memory left after the weights holds', () => {
    // fp8: 10 GB of weights. One sequence of 100,000 tokens × 8,000 B = 0.8 GB.
    // 1 GPU: (14.4 − 10) GB / 0.8 GB = 5.5 → 5 sequences → batch 4 (the largest power of two ≤ 5);
    // 2 GPUs: (28.8 − 10) / 0.8 = 23.5 → batch 16.
    const result = planSelfHosting({
      model,
      inputs: inputs({ measured: [], precisions: ['fp8'], contextTokens: 100_000, concurrentSequences: 1 }),
    });
    const source = (gpuCount: number) =>
      [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === gpuCount)?.throughput?.source;
    expect(source(1)).toMatch(/^serving-model estimate at batch 4, /);
    expect(source(2)).toMatch(/^serving-model estimate at batch 16, /);
  });

  it('says bf16 weights are computed natively (no weight-only note)', () => {
    const result = planSelfHosting({ model, inputs: inputs({ measured: [], precisions: ['bf16'] }) });
    const two = [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 2);
    expect(two?.throughput?.source).toMatch(
      /^serving-model estimate at batch \d+, (memory|compute)-bound \(2 × G, bf16; calibrated/,
    );
    expect(two?.computeMode).toBe('native');
  });

  it('picks the estimate’s batch within the TPOT and TTFT targets', () => {
    // 2 × G bf16, calibrated constants: compute 2 × 300e12 × 0.2 = 1.2e14 FLOP/s, memory 2 × 1e12 × 0.8 = 1.6e12 B/s.
    // step(b) = max(2e10 × 3b / 1.2e14 = 0.5b ms, (2e10 + b × 625 × 8,000) / 1.6e12 = 12.5 + 0.003125b ms)
    //           + 1 ms (engine) + 2 ms (second GPU): b = 32 → 16 + 3 = 19 ms; b = 64 → 35 ms.
    const tpot = planSelfHosting({
      model,
      inputs: inputs({ measured: [], precisions: ['bf16'], tpotTargetMs: 20 }),
    });
    const two = [tpot.plan, ...tpot.rejected].find((setup) => setup?.gpuCount === 2);
    expect(two?.throughput?.source).toMatch(/^serving-model estimate at batch 32, compute-bound/);
    expect(two?.throughput?.tpotMs).toBeCloseTo(19, 9);
    expect(two?.violations).toEqual([]);
    // TTFT = 2e10 × 500 / 1.2e14 = 83.3 ms + a step: b = 32 → 102.3 ms, b = 64 → 118.3 ms.
    const ttft = planSelfHosting({
      model,
      inputs: inputs({ measured: [], precisions: ['bf16'], ttftTargetMs: 110 }),
    });
    const twoTtft = [ttft.plan, ...ttft.rejected].find((setup) => setup?.gpuCount === 2);
    expect(twoTtft?.throughput?.source).toMatch(/^serving-model estimate at batch 32, /);
    expect(twoTtft?.throughput?.ttftMs).toBeCloseTo(83.333333333 + 19, 6);
    expect(twoTtft?.violations).toEqual([]);
  });
});

describe('planSelfHosting: latency targets', () => {
  it('meets a target equal to the figure, and labels a moved measurement that misses one', () => {
    const exact = planSelfHosting({
      model,
      inputs: inputs({ precisions: ['fp8'], tpotTargetMs: 20, ttftTargetMs: 150 }),
    });
    expect(exact.plan?.gpuCount).toBe(1);
    expect(exact.plan?.violations).toEqual([]);
    const moved = planSelfHosting({
      model,
      inputs: inputs({
        precisions: ['fp8'],
        tpotTargetMs: 1,
        measured: [
          measure({
            gpu: 'G',
            gpuCount: 1,
            precision: 'fp8',
            outputTokensPerSecond: 1000,
            tpotMs: 20,
            inputTokens: 2000,
            outputTokens: 250,
          }),
        ],
      }),
    });
    const one = moved.rejected.find((setup) => setup.gpuCount === 1);
    expect(one?.violations).toEqual([
      expect.stringMatching(
        /^latency: time per output token \d+\.\d ms \(measured, adjusted\) exceeds the target 1 ms$/,
      ),
    ]);
  });
});

describe('planSelfHosting: survivors of mutation testing', () => {
  it('matches a GPU by any of its aliases, not only when every alias matches', () => {
    const twoAliases = { ...g, aliases: ['first', 'second'] };
    expect(sameGpu(twoAliases, 'SECOND')).toBe(true);
    expect(sameGpu(twoAliases, 'first')).toBe(true);
  });

  it('moves a published figure with its own engine’s step overhead (vLLM 0.5.4: 16 ms)', () => {
    const published = catalogModelSchema.parse({
      ...modelFacts,
      throughput: [
        {
          gpu: 'G',
          gpuCount: 1,
          precision: 'fp8',
          outputTokensPerSecond: 800,
          tpotMs: 30,
          inputTokens: 2000,
          outputTokens: 250,
          engine: 'vllm-0.5.4',
          source: 'vendor blog',
          asOf: '2026-09-01',
        },
      ],
    });
    const result = planSelfHosting({
      model: published,
      inputs: inputs({ measured: [], precisions: ['fp8'] }),
    });
    const moved = [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 1)?.throughput;
    // Batch 800 tok/s × 30 ms = 24. 1 × G fp8 at the bf16 rate: 6e13 FLOP/s, 8e11 B/s, 16 ms a step.
    // at 500/250: compute 2e10 × (24 + 48) / 6e13 = 24 ms > memory (1e10 + 24 × 625 × 8,000) / 8e11 = 12.65 ms;
    //   step 24 + 16 = 40 ms
    // at 2000/250: compute 2e10 × (24 + 192) / 6e13 = 72 ms > memory 13.01 ms; step 72 + 16 = 88 ms
    // moved: 30 × 40 / 88 = 13.636 ms; 24 / 13.636 ms = 1,760 tok/s (with the 1 ms engine it would be 10.27 ms)
    expect(moved?.tpotMs).toBeCloseTo((30 * 40) / 88, 9);
    expect(moved?.outputTokensPerSecond).toBeCloseTo(1760, 6);
    expect(moved?.source).toBe(
      'vendor blog, as of 2026-09-01; adjusted by the serving model from 2000/250 to 500/250 tokens per request at batch 24',
    );
  });

  it('gives a measurement used as measured no TTFT when none was measured', () => {
    const result = planSelfHosting({
      model,
      inputs: inputs({
        precisions: ['fp8'],
        measured: [
          measure({ gpu: 'G', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 20 }),
        ],
      }),
    });
    expect(result.plan?.throughput.adjusted).toBe(false);
    expect('ttftMs' in (result.plan?.throughput ?? {})).toBe(false);
  });

  it('fits a setup whose weights and cache fill its usable memory exactly', () => {
    // No overhead held back: 1 × 16 GB. fp8 weights 10e9 B + KV 8,000 B × 1,000 tokens × 750 sequences = 6e9 B.
    const result = planSelfHosting({
      model,
      inputs: inputs({ precisions: ['fp8'], runtimeOverheadFraction: 0, concurrentSequences: 750 }),
    });
    const one = [result.plan, ...result.rejected].find((setup) => setup?.gpuCount === 1);
    expect((one?.weightBytes ?? 0) + (one?.kvCacheBytes ?? 0)).toBe(16e9);
    expect(one?.usableBytes).toBe(16e9);
    expect(one?.violations).toEqual([]);
    expect(one?.throughput?.basis).toBe('measured');
  });

  it('takes the faster of two setups of equal cost whichever GPU is listed first', () => {
    const result = planSelfHosting({
      model,
      inputs: inputs({
        gpus: [h, g],
        measured: [
          measure({ gpu: 'H', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 15 }),
          measure({ gpu: 'G', gpuCount: 1, precision: 'fp8', outputTokensPerSecond: 1000, tpotMs: 20 }),
        ],
      }),
    });
    expect(result.plan?.gpu.id).toBe('H');
    expect(result.plan?.throughput.tpotMs).toBe(15);
  });
});
