// evaluateTco on a synthetic catalog — one open-weight 10 B model with two API providers, two GPU types — with every
// figure worked out by hand: API spend at the mix, cache share and price tier, self-hosted month from a measured
// throughput, the input/output split, full-load prices, break-even, staff, fine-tuning, and the errors and
// sizing messages.
import { describe, expect, it } from 'vitest';
import { gpuCatalogSchema, modelCatalogSchema, type ApiPrice } from './catalog-types.ts';
import { apiMonthlySpend, apiMonthlyUsd, evaluateTco, type TcoCandidate } from './evaluate-tco.ts';
import { workloadSchema, type Workload } from './workload.ts';

const gpu = (id: string, hourlyUsd: number) => ({
  id,
  name: id,
  aliases: [`${id.toLowerCase()}-alias`],
  memoryGb: 16,
  memoryBandwidthGbPerSecond: 1000,
  denseTflops: { bf16: 300 },
  specSource: 'datasheet',
  hourlyUsd,
  priceSource: 'cloud',
  priceAsOf: '2026-11-01',
});
const gpuCatalog = gpuCatalogSchema.parse({ gpus: [gpu('G', 1), gpu('H', 2)] });

const price = (extra: Record<string, unknown>) => ({
  providerModel: 'small',
  source: 'list',
  asOf: '2026-11-01',
  ...extra,
});

// p: $1 in / $0.50 cached / $4 out per million, $2 / $1 / $8 above 2,000 prompt tokens; fine-tuning at $3 per
// million training tokens, the tuned model's input at $1.50. q: $0.50 / $2, no cache price, no fine-tuning.
const small = {
  id: 'small-10b',
  name: 'Small 10B',
  vendor: 'v',
  openWeights: true,
  licence: { id: 'apache-2.0', commercialUse: true },
  fineTunable: true,
  contextTokens: 8192,
  parameters: { totalBillions: 10, activeBillions: 10 },
  // 2 × 10 layers × 2 KV heads × 100 × 2 B = 8,000 B of KV cache a token in bf16
  architecture: { layers: 10, kvHeads: 2, headDim: 100 },
  factsSource: 'card',
  factsAsOf: '2026-10-01',
  apiPrices: [
    price({
      provider: 'p',
      inputUsdPerMillion: 1,
      cachedInputUsdPerMillion: 0.5,
      outputUsdPerMillion: 4,
      tiers: [
        {
          aboveInputTokens: 2000,
          inputUsdPerMillion: 2,
          cachedInputUsdPerMillion: 1,
          outputUsdPerMillion: 8,
        },
      ],
      fineTuning: true,
      fineTuningPrices: { trainingUsdPerMillion: 3, hostedInputUsdPerMillion: 1.5 },
    }),
    price({ provider: 'q', inputUsdPerMillion: 0.5, outputUsdPerMillion: 2 }),
  ],
};
const catalog = modelCatalogSchema.parse({ models: [small] });

/**
 * 1e9 input (20% from the prompt cache) and 2.5e8 output tokens a month, requests of 1,000 / 250 tokens; self-hosted
 * on G (named by its alias) in fp8, measured at 1,000 output tokens/s and 20 ms a token on one GPU; $100 a month of
 * operations.
 */
function workload(extra: Record<string, unknown> = {}, selfHosting: Record<string, unknown> = {}): Workload {
  return workloadSchema.parse({
    name: 'by hand',
    tokensPerMonth: { input: 1e9, output: 2.5e8, cachedInputShare: 0.2 },
    averageRequest: { inputTokens: 1000, outputTokens: 250 },
    operationsUsdPerMonth: 100,
    selfHosting: {
      gpuTypes: ['G-ALIAS'],
      precisions: ['fp8'],
      contextTokens: 1000,
      concurrentSequences: 10,
      throughput: [
        {
          model: 'small-10b',
          gpu: 'G',
          gpuCount: 1,
          precision: 'fp8',
          outputTokensPerSecond: 1000,
          tpotMs: 20,
        },
      ],
      ...selfHosting,
    },
    ...extra,
  });
}

const find = (candidates: readonly TcoCandidate[], deployment: string, provider?: string) =>
  candidates.find(
    (candidate) =>
      candidate.deployment === deployment && (provider === undefined || candidate.provider === provider),
  );

describe('apiMonthlySpend', () => {
  const p = catalog.models[0]?.apiPrices[0] as ApiPrice;
  const q = catalog.models[0]?.apiPrices[1] as ApiPrice;

  it('prices cached input at the cache rate, or at the input rate without one', () => {
    // p: 0.8 × 1e9 × $1/M + 0.2 × 1e9 × $0.50/M = $800 + $100 = $900 input; 2.5e8 × $4/M = $1,000 output
    expect(apiMonthlySpend(workload(), p)).toEqual({ inputUsd: 900, outputUsd: 1000 });
    expect(apiMonthlyUsd(workload(), p)).toBe(1900);
    // q: 1e9 × $0.50/M = $500 (cached input at the input rate); 2.5e8 × $2/M = $500
    expect(apiMonthlySpend(workload(), q)).toEqual({ inputUsd: 500, outputUsd: 500 });
  });

  it('takes the tier the average prompt exceeds, and the base price’s cache rate when the tier has none', () => {
    const long = workload({ averageRequest: { inputTokens: 3000, outputTokens: 750 } });
    // above 2,000 tokens: 0.8 × 1e9 × $2/M + 0.2 × 1e9 × $1/M = $1,800; 2.5e8 × $8/M = $2,000
    expect(apiMonthlySpend(long, p)).toEqual({ inputUsd: 1800, outputUsd: 2000 });
    const tierWithoutCache: ApiPrice = {
      ...p,
      tiers: [{ aboveInputTokens: 2000, inputUsdPerMillion: 2, outputUsdPerMillion: 8 }],
    };
    // cached input at the base price's $0.50: $1,600 + $100
    expect(apiMonthlySpend(long, tierWithoutCache).inputUsd).toBe(1700);
    // exactly 2,000 prompt tokens is not above the tier: base rates
    const edge = workload({ averageRequest: { inputTokens: 2000, outputTokens: 500 } });
    expect(apiMonthlySpend(edge, p)).toEqual({ inputUsd: 900, outputUsd: 1000 });
  });
});

describe('evaluateTco by hand: API candidates', () => {
  it('costs each provider at the workload’s volume, with spend split and per-million figures', () => {
    const candidates = evaluateTco({ workload: workload(), catalog, gpuCatalog });
    expect(candidates.map((candidate) => `${candidate.deployment} ${candidate.provider ?? ''}`)).toEqual([
      'api p',
      'api q',
      'self_hosted ',
    ]);
    const p = find(candidates, 'api', 'p');
    expect(p).toMatchObject({
      model: 'small-10b',
      modelName: 'Small 10B',
      monthlyCostUsd: 1900,
      // 12 months by default
      horizonCostUsd: 22_800,
      spend: { inputUsd: 900, outputUsd: 1000, fixedUsd: 0 },
      violations: [],
      quality: [],
    });
    // $900 / 1,000 M input tokens, $1,000 / 250 M output, $1,900 / 1,250 M in all
    expect(p?.costPerMillionInputTokensUsd).toBeCloseTo(0.9, 12);
    expect(p?.costPerMillionOutputTokensUsd).toBeCloseTo(4, 12);
    expect(p?.costPerMillionTokensUsd).toBeCloseTo(1.52, 12);
    expect(p?.price?.source).toBe('list');
    expect(p && 'fineTuning' in p).toBe(false);
    expect(p && 'staffUsdPerMonth' in p).toBe(false);
  });

  it('leaves out the input price of a workload with no input tokens, and splits a free API as all output', () => {
    const outputOnly = evaluateTco({
      workload: workload({ tokensPerMonth: { input: 0, output: 2.5e8 } }),
      catalog,
      gpuCatalog,
    });
    const p = find(outputOnly, 'api', 'p');
    expect(p && 'costPerMillionInputTokensUsd' in p).toBe(false);
    expect(p?.monthlyCostUsd).toBe(1000);
    expect(p?.costPerMillionOutputTokensUsd).toBeCloseTo(4, 12);
    const free = modelCatalogSchema.parse({
      models: [
        { ...small, apiPrices: [price({ provider: 'free', inputUsdPerMillion: 0, outputUsdPerMillion: 0 })] },
      ],
    });
    const freeApi = find(
      evaluateTco({
        workload: workload({ staff: { usdPerHour: 50, apiHoursPerMonth: 2 } }),
        catalog: free,
        gpuCatalog,
      }),
      'api',
    );
    // $0 of tokens + 2 h × $50 of staff: all of the $100 counted against output
    expect(freeApi?.spend).toEqual({ inputUsd: 0, outputUsd: 100, fixedUsd: 100 });
  });

  it('adds staff time and fine-tuning, served at the fine-tuned model’s prices', () => {
    const candidates = evaluateTco({
      workload: workload({
        staff: { usdPerHour: 50, apiHoursPerMonth: 2, selfHostedHoursPerMonth: 10 },
        fineTuning: { trainingTokens: 1e8, epochs: 2, runsPerYear: 6 },
      }),
      catalog,
      gpuCatalog,
    });
    const p = find(candidates, 'api', 'p');
    // tuned p: input $1.50 for every input token (the tuned price has no cache rate) = $1,500; output $4 = $1,000;
    // training 1e8 × 2 epochs × 6 runs = 1.2e9 tokens a year × $3/M / 12 = $300 a month; staff 2 h × $50 = $100
    expect(p?.price).toMatchObject({
      inputUsdPerMillion: 1.5,
      outputUsdPerMillion: 4,
      tiers: [],
      source: 'list; fine-tuned model prices',
    });
    expect(p?.price?.cachedInputUsdPerMillion).toBeUndefined();
    expect(p?.fineTuning).toMatchObject({ usdPerMonth: 300, basis: 'published' });
    expect(p?.staffUsdPerMonth).toBe(100);
    expect(p?.monthlyCostUsd).toBe(2900);
    // the fixed $400 is split like the variable spend: input 1,500 / 2,500 of $2,900
    expect(p?.spend?.fixedUsd).toBe(400);
    expect(p?.spend?.inputUsd).toBeCloseTo((2900 * 1500) / 2500, 9);
    // q offers no fine-tuning: list prices, no training line, and a violation
    const q = find(candidates, 'api', 'q');
    expect(q?.price?.source).toBe('list');
    expect(q && 'fineTuning' in q).toBe(false);
    expect(q?.monthlyCostUsd).toBe(1100);
    expect(q?.violations).toEqual(['fine-tuning: q does not offer fine-tuning of small-10b']);
  });

  it('serves the tuned model at its output price when only that is published', () => {
    const outputTuned = modelCatalogSchema.parse({
      models: [
        {
          ...small,
          apiPrices: [
            price({
              provider: 'r',
              inputUsdPerMillion: 1,
              cachedInputUsdPerMillion: 0.5,
              outputUsdPerMillion: 4,
              fineTuning: true,
              fineTuningPrices: { trainingUsdPerMillion: 3, hostedOutputUsdPerMillion: 6 },
            }),
            price({
              provider: 's',
              inputUsdPerMillion: 1,
              outputUsdPerMillion: 4,
              fineTuning: true,
              fineTuningPrices: { trainingUsdPerMillion: 3 },
            }),
          ],
        },
      ],
    });
    const candidates = evaluateTco({
      workload: workload({ fineTuning: { trainingTokens: 1e8, epochs: 2, runsPerYear: 6 } }),
      catalog: outputTuned,
      gpuCatalog,
    });
    // r: input at the list $1 for every token (no cache rate for the tuned model) = $1,000; output 2.5e8 × $6 = $1,500
    expect(find(candidates, 'api', 'r')?.price).toMatchObject({
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 6,
    });
    expect(find(candidates, 'api', 'r')?.monthlyCostUsd).toBe(1000 + 1500 + 300);
    // s publishes no tuned prices: its list price, cache share at the input rate, $1,000 + $1,000 + $300
    expect(find(candidates, 'api', 's')?.price?.source).toBe('list');
    expect(find(candidates, 'api', 's')?.monthlyCostUsd).toBe(2300);
  });
});

describe('evaluateTco by hand: the self-hosted candidate', () => {
  it('costs one replica of the measured setup, splits spend by prefill time, and prices full load', () => {
    const candidates = evaluateTco({ workload: workload(), catalog, gpuCatalog });
    const selfHosted = find(candidates, 'self_hosted');
    const plan = selfHosted?.selfHosting;
    expect(plan).toMatchObject({ gpuCount: 1, precision: 'fp8', gpuHourlyUsd: 1, gpu: { id: 'G' } });
    // 1,000 tok/s × 3,600 × 730 × 0.5 = 1.314e9 ≥ 2.5e8 a month: 1 replica × 1 GPU × $1 × 730 h + $100 = $830
    expect(selfHosted?.monthlyCostUsd).toBe(830);
    expect(selfHosted?.horizonCostUsd).toBe(9960);
    // 2.5e8 / (1,000 × 3,600 × 730 = 2.628e9)
    expect(selfHosted?.utilization).toBeCloseTo(2.5e8 / 2.628e9, 12);
    // Prefill share at batch 1,000 tok/s × 20 ms = 20 (1 × G fp8 at the bf16 rate, 300e12 × 0.2 = 6e13 FLOP/s;
    // 1e12 × 0.8 = 8e11 B/s): prompt tokens a step 20 × 1,000 / 250 = 80 → 2e10 × 80 / 6e13 = 26.667 ms;
    // decode max(2e10 × 20 / 6e13 = 6.667 ms, (1e10 + 20 × 1,125 × 8,000 = 1.8e8) / 8e11 = 12.725 ms) + 1 ms
    // = 13.725 ms; share 26.667 / (26.667 + 13.725) = 0.66020
    const share = 0.0266666666666667 / (0.0266666666666667 + 0.013725);
    expect(selfHosted?.spend?.inputUsd).toBeCloseTo(830 * share, 9);
    expect(selfHosted?.spend?.outputUsd).toBeCloseTo(830 * (1 - share), 9);
    expect(selfHosted?.spend?.fixedUsd).toBe(100);
    expect(selfHosted?.costPerMillionInputTokensUsd).toBeCloseTo((830 * share) / 1000, 9);
    expect(selfHosted?.costPerMillionOutputTokensUsd).toBeCloseTo((830 * (1 - share)) / 250, 9);
    expect(selfHosted?.costPerMillionTokensUsd).toBeCloseTo(830 / 1250, 12);
    // Full load: $1 an hour ÷ ((1,000 out + 4,000 in) tok/s × 3,600 / 1e6 = 18 M tokens an hour) = $0.0556 per
    // million tokens; ÷ 3.6 M output tokens an hour = $0.2778 per million output tokens
    expect(selfHosted?.fullLoadCostPerMillionTokensUsd).toBeCloseTo(1 / 18, 12);
    expect(selfHosted?.fullLoadCostPerMillionOutputTokensUsd).toBeCloseTo(1 / 3.6, 12);
    expect(selfHosted?.throughput).toMatchObject({ basis: 'measured', outputTokensPerSecond: 1000 });
    // fp8 on 2, 4 and 8 GPUs were only dearer
    expect(selfHosted?.rejectedSetups?.map((setup) => [setup.gpuCount, setup.violations])).toEqual([
      [2, []],
      [4, []],
      [8, []],
    ]);
    expect(selfHosted?.violations).toEqual([]);
    expect(selfHosted && 'fineTuning' in selfHosted).toBe(false);
    expect(selfHosted && 'staffUsdPerMonth' in selfHosted).toBe(false);
  });

  it('breaks even with the cheapest API where the month’s costs meet', () => {
    const selfHosted = find(evaluateTco({ workload: workload(), catalog, gpuCatalog }), 'self_hosted');
    // cheapest API: q at $1,000 for 2.5e8 output tokens = $4e-6 an output token (input folded in).
    // One replica ($730) serves up to 1.314e9 tokens; with $100 of operations the costs meet at
    // ($730 + $100) / $4e-6 = 2.075e8 output tokens, 5 × that = 1.0375e9 tokens at the 1,000:250 mix.
    expect(selfHosted?.breakEven?.versus).toEqual({ model: 'small-10b', provider: 'q' });
    expect(selfHosted?.breakEven?.outputTokensPerMonth).toBeCloseTo(2.075e8, 0);
    expect(selfHosted?.breakEven?.tokensPerMonth).toBeCloseTo(1.0375e9, 0);
  });

  it('has no break-even volume when the API is cheaper at any volume', () => {
    const cheap = modelCatalogSchema.parse({
      models: [
        {
          ...small,
          apiPrices: [price({ provider: 'cheap', inputUsdPerMillion: 0, outputUsdPerMillion: 0.0001 })],
        },
      ],
    });
    const selfHosted = find(evaluateTco({ workload: workload(), catalog: cheap, gpuCatalog }), 'self_hosted');
    // $25 a month for 2.5e8 tokens: 1.314e9 tokens cost $131.4 through the API, less than a $730 replica
    expect(selfHosted?.breakEven).toEqual({ versus: { model: 'small-10b', provider: 'cheap' } });
  });

  it('has no break-even without an API price to compare with', () => {
    const selfOnly = modelCatalogSchema.parse({ models: [{ ...small, apiPrices: [] }] });
    const selfHosted = find(
      evaluateTco({ workload: workload(), catalog: selfOnly, gpuCatalog }),
      'self_hosted',
    );
    expect(selfHosted?.monthlyCostUsd).toBe(830);
    expect(selfHosted && 'breakEven' in selfHosted).toBe(false);
  });

  it('prices GPUs at the workload’s own hourly rate, adds staff, and estimates fine-tuning on the training GPU', () => {
    const candidates = evaluateTco({
      workload: workload(
        {
          staff: { usdPerHour: 50, apiHoursPerMonth: 2, selfHostedHoursPerMonth: 10 },
          fineTuning: { trainingTokens: 1e8, epochs: 2, runsPerYear: 6, gpu: 'H' },
        },
        { gpuTypes: ['g', 'H'], gpuHourlyUsd: [{ gpu: 'G', usd: 1.5 }] },
      ),
      catalog,
      gpuCatalog,
    });
    const selfHosted = find(candidates, 'self_hosted');
    // LoRA: 4 × 10e9 FLOPs × 1.2e9 tokens a year / (300e12 × 0.35) / 3,600 s = 126.98 H GPU-hours a year × $2 / 12
    const fineTuningUsd = (((4 * 10e9 * 1.2e9) / (300e12 * 0.35) / 3600) * 2) / 12;
    expect(selfHosted?.fineTuning?.usdPerMonth).toBeCloseTo(fineTuningUsd, 9);
    expect(selfHosted?.fineTuning?.description).toContain(' H GPU-hours');
    expect(selfHosted?.staffUsdPerMonth).toBe(500);
    // 1 × G at $1.50 × 730 h = $1,095 + $100 operations + 10 h × $50 + fine-tuning
    expect(selfHosted?.selfHosting?.gpu.id).toBe('G');
    expect(selfHosted?.selfHosting?.gpuHourlyUsd).toBe(1.5);
    expect(selfHosted?.monthlyCostUsd).toBeCloseTo(1095 + 100 + 500 + fineTuningUsd, 9);
    expect(selfHosted?.spend?.fixedUsd).toBeCloseTo(100 + 500 + fineTuningUsd, 9);
    // H's $2 per GPU-hour: every H setup dearer than 1 × G at $1.50
    expect(
      selfHosted?.rejectedSetups?.filter((setup) => setup.gpu.id === 'H').map((setup) => setup.gpuHourlyUsd),
    ).toEqual([2, 2, 2, 2]);
  });

  it('trains on the plan’s GPU when the training GPU is not among the workload’s GPUs, or none is named', () => {
    const on = (trainingGpu: string | undefined) =>
      find(
        evaluateTco({
          workload: workload({
            fineTuning: {
              trainingTokens: 1e8,
              epochs: 2,
              runsPerYear: 6,
              ...(trainingGpu ? { gpu: trainingGpu } : {}),
            },
          }),
          catalog,
          gpuCatalog,
        }),
        'self_hosted',
      );
    // on G at $1: 126.98 GPU-hours a year × $1 / 12
    const onG = (4 * 10e9 * 1.2e9) / (300e12 * 0.35) / 3600 / 12;
    expect(on('H')?.fineTuning?.usdPerMonth).toBeCloseTo(onG, 9);
    expect(on(undefined)?.fineTuning?.usdPerMonth).toBeCloseTo(onG, 9);
    expect(on(undefined)?.monthlyCostUsd).toBeCloseTo(830 + onG, 9);
  });

  it('carries the context, licence and quality violations to both deployments', () => {
    const candidates = evaluateTco({
      workload: workload(
        {
          averageRequest: { inputTokens: 8000, outputTokens: 2000 },
          useCases: ['weapons'],
          qualityFloors: [{ benchmark: 'mmlu', min: 0.5 }],
        },
        { contextTokens: undefined },
      ),
      catalog: modelCatalogSchema.parse({
        models: [{ ...small, licence: { ...small.licence, prohibitedUses: ['Weapons'] } }],
      }),
      gpuCatalog,
    });
    for (const candidate of candidates) {
      const text = candidate.violations.join('\n');
      expect(text, candidate.deployment).toContain(
        'context: the workload needs 10000 tokens; small-10b takes 8192',
      );
      expect(text, candidate.deployment).toContain('prohibits Weapons');
      expect(text, candidate.deployment).toContain('mmlu');
    }
  });
});

describe('evaluateTco by hand: no self-hosting plan', () => {
  it('says why no setup was tried', () => {
    const { architecture: _architecture, ...withoutArchitecture } = small;
    const candidates = evaluateTco({
      workload: workload(),
      catalog: modelCatalogSchema.parse({ models: [{ ...withoutArchitecture, apiPrices: [] }] }),
      gpuCatalog,
    });
    expect(candidates).toEqual([
      {
        model: 'small-10b',
        modelName: 'Small 10B',
        deployment: 'self_hosted',
        quality: [],
        rejectedSetups: [],
        violations: ['sizing: the catalog has no parameter count or architecture for small-10b'],
      },
    ]);
  });

  it('counts the setups each constraint excluded and names the closest miss, latency misses first', () => {
    // bf16 needs 20.08 GB: 1 × G (14.4 GB) fails memory; 2, 4 and 8 × G fit but miss a 1 ms TPOT target.
    const candidates = evaluateTco({
      workload: workload({ latencyTarget: { tpotMs: 1 } }, { precisions: ['bf16'], throughput: [] }),
      catalog: modelCatalogSchema.parse({ models: [{ ...small, apiPrices: [] }] }),
      gpuCatalog,
    });
    const [sizing, ...rest] = candidates[0]?.violations ?? [];
    expect(rest).toEqual([]);
    // 8 × G misses the target by the least (most memory to spare) — at batch 1: compute 2e10 × (1 + 4) /
    // (8 × 300e12 × 0.2) = 0.208 ms < memory (2e10 + 1,125 × 8,000) / (8 × 1e12 × 0.8) = 3.126 ms; step 3.126 +
    // 1 ms + 7 × 2 ms = 18.1 ms: 1 / 18.126 ms = 55.2 tok/s, × 3,600 × 730 × 0.5 = 7.25e7 a month for 2.5e8: 4 replicas
    expect(sizing).toBe(
      'sizing: no self-hosting setup meets every constraint (4 tried, excluded by 1 memory, 3 latency); closest: 4 × 8 × G bf16: latency: time per output token 18.1 ms (estimate) exceeds the target 1 ms',
    );
    expect(candidates[0]?.rejectedSetups).toHaveLength(4);
  });

  it('names the memory miss with the most room when memory excludes every setup', () => {
    // 16 sequences × 1e6 tokens × 8,000 B = 128 GB of KV cache + 20 GB of weights: more than 8 × 14.4 GB.
    const candidates = evaluateTco({
      workload: workload(
        {},
        { precisions: ['bf16'], throughput: [], contextTokens: 1_000_000, concurrentSequences: 16 },
      ),
      catalog: modelCatalogSchema.parse({ models: [{ ...small, contextTokens: 2_000_000, apiPrices: [] }] }),
      gpuCatalog,
    });
    expect(candidates[0]?.violations).toEqual([
      'sizing: no self-hosting setup meets every constraint (4 tried, excluded by 4 memory); closest: 8 × G bf16: memory: needs 148.0 GB in bf16 (weights 20.0 GB + KV cache 128.0 GB for 16 × 1000000 tokens); 8 × G hold 115.2 GB',
    ]);
  });
});

describe('evaluateTco by hand: unknown names', () => {
  it('names the unknown candidate with its index and the workload file', () => {
    expect(() =>
      evaluateTco({
        workload: workload({ candidates: ['small-10b', 'nope'] }),
        catalog,
        gpuCatalog,
        workloadFile: 'w.yaml',
      }),
    ).toThrow(
      "w.yaml: candidates[1]: unknown model 'nope' (see 'parity prices', or give its price in the workload's prices)",
    );
    expect(() => evaluateTco({ workload: workload({ candidates: ['nope'] }), catalog, gpuCatalog })).toThrow(
      /^candidates\[0\]: unknown model 'nope'/,
    );
  });

  it('names the unknown GPU with its index and the GPUs it knows', () => {
    expect(() =>
      evaluateTco({
        workload: workload({}, { gpuTypes: ['h', 'X'] }),
        catalog,
        gpuCatalog,
        workloadFile: 'w.yaml',
      }),
    ).toThrow("w.yaml: self_hosting.gpu_types[1]: unknown GPU 'X' (known: G, H)");
    expect(() => evaluateTco({ workload: workload({}, { gpuTypes: ['X'] }), catalog, gpuCatalog })).toThrow(
      /^self_hosting\.gpu_types\[0\]: unknown GPU 'X'/,
    );
  });

  it('takes every catalog model and GPU when the workload names none', () => {
    const candidates = evaluateTco({
      workload: workload({}, { gpuTypes: undefined }),
      catalog,
      gpuCatalog,
    });
    const selfHosted = find(candidates, 'self_hosted');
    // G and H, fp8, 1, 2, 4, 8 GPUs: 8 setups
    expect((selfHosted?.rejectedSetups?.length ?? 0) + 1).toBe(8);
  });
});

describe('evaluateTco by hand: survivors of mutation testing', () => {
  it('prices a two-GPU replica at twice the GPU rate: full load and break-even', () => {
    // bf16 only: 20 GB of weights need 2 × G (28.8 GB usable); measured there at 1,500 tok/s and 25 ms.
    const selfHosted = find(
      evaluateTco({
        workload: workload(
          {},
          {
            precisions: ['bf16'],
            throughput: [
              {
                model: 'small-10b',
                gpu: 'G',
                gpuCount: 2,
                precision: 'bf16',
                outputTokensPerSecond: 1500,
                tpotMs: 25,
              },
            ],
          },
        ),
        catalog,
        gpuCatalog,
      }),
      'self_hosted',
    );
    // 1,500 × 3,600 × 730 × 0.5 = 1.971e9 ≥ 2.5e8: 1 replica of 2 GPUs × $1 × 730 h = $1,460 + $100
    expect(selfHosted?.selfHosting).toMatchObject({ gpuCount: 2, precision: 'bf16' });
    expect(selfHosted?.monthlyCostUsd).toBe(1560);
    // $2 an hour ÷ ((1,500 + 6,000) tok/s × 3,600 / 1e6 = 27 M tokens an hour); ÷ 5.4 M output tokens an hour
    expect(selfHosted?.fullLoadCostPerMillionTokensUsd).toBeCloseTo(2 / 27, 12);
    expect(selfHosted?.fullLoadCostPerMillionOutputTokensUsd).toBeCloseTo(2 / 5.4, 12);
    // vs q at $4e-6 an output token: ($1,460 + $100) / $4e-6 = 3.9e8 output tokens (within one replica's 1.971e9)
    expect(selfHosted?.breakEven?.outputTokensPerMonth).toBeCloseTo(3.9e8, 0);
  });

  it('compares with the cheapest API whichever provider the catalog lists first', () => {
    const reversed = modelCatalogSchema.parse({
      models: [{ ...small, apiPrices: [...small.apiPrices].reverse() }],
    });
    const selfHosted = find(
      evaluateTco({ workload: workload(), catalog: reversed, gpuCatalog }),
      'self_hosted',
    );
    expect(selfHosted?.breakEven?.versus).toEqual({ model: 'small-10b', provider: 'q' });
    expect(selfHosted?.breakEven?.outputTokensPerMonth).toBeCloseTo(2.075e8, 0);
  });

  it('passes a TTFT target alone to the plan', () => {
    const selfHosted = find(
      evaluateTco({
        workload: workload(
          { latencyTarget: { ttftMs: 100 } },
          {
            throughput: [
              {
                model: 'small-10b',
                gpu: 'G',
                gpuCount: 1,
                precision: 'fp8',
                outputTokensPerSecond: 1000,
                tpotMs: 20,
                ttftMs: 150,
              },
            ],
          },
        ),
        catalog,
        gpuCatalog,
      }),
      'self_hosted',
    );
    const one = [selfHosted?.selfHosting, ...(selfHosted?.rejectedSetups ?? [])].find(
      (setup) => setup?.gpuCount === 1,
    );
    expect(one?.violations).toEqual([
      'latency: time to first token 150 ms (measured) exceeds the target 100 ms',
    ]);
  });

  it('joins every violation of the closest miss', () => {
    const candidates = evaluateTco({
      workload: workload({ latencyTarget: { tpotMs: 1, ttftMs: 1 } }, { throughput: [] }),
      catalog: modelCatalogSchema.parse({ models: [{ ...small, apiPrices: [] }] }),
      gpuCatalog,
    });
    // 8 × G fp8 at batch 1 (weight-only, 4.8e14 FLOP/s, 6.4e12 B/s): memory (1e10 + 1,125 × 8,000) / 6.4e12 =
    // 1.5639 ms > compute 2e10 × 5 / 4.8e14 = 0.2083 ms; step 1.5639 + 1 + 7 × 2 = 16.5639 ms → 60.37 tok/s,
    // 7.93e7 tokens a month under the ceiling: 4 replicas for 2.5e8; TTFT 2e10 × 1,000 / 4.8e14 = 41.67 + 16.56 ms
    expect(candidates[0]?.violations).toEqual([
      'sizing: no self-hosting setup meets every constraint (4 tried, excluded by 4 latency); closest: 4 × 8 × G fp8 (weight-only, bf16 compute): latency: time per output token 16.6 ms (estimate) exceeds the target 1 ms; latency: time to first token 58 ms (estimate) exceeds the target 1 ms',
    ]);
  });

  it('names the memory miss with the most room across precisions, not the last one tried', () => {
    // 16 × 1e6 tokens × 8,000 B = 128 GB of bf16 KV cache: fp8 needs 138 GB, bf16 148 GB; 8 × G hold 115.2 GB.
    const candidates = evaluateTco({
      workload: workload(
        {},
        { precisions: ['fp8', 'bf16'], throughput: [], contextTokens: 1_000_000, concurrentSequences: 16 },
      ),
      catalog: modelCatalogSchema.parse({ models: [{ ...small, contextTokens: 2_000_000, apiPrices: [] }] }),
      gpuCatalog,
    });
    expect(candidates[0]?.violations).toEqual([
      'sizing: no self-hosting setup meets every constraint (8 tried, excluded by 8 memory); closest: 8 × G fp8 (weight-only, bf16 compute): memory: needs 138.0 GB in fp8 (weights 10.0 GB + KV cache 128.0 GB for 16 × 1000000 tokens); 8 × G hold 115.2 GB',
    ]);
  });

  it('says so when no GPU type is given to try', () => {
    const candidates = evaluateTco({
      workload: workload({}, { gpuTypes: [] }),
      catalog: modelCatalogSchema.parse({ models: [{ ...small, apiPrices: [] }] }),
      gpuCatalog,
    });
    expect(candidates[0]?.violations).toEqual([
      'sizing: no self-hosting setup meets every constraint (0 tried, excluded by )',
    ]);
  });

  it('accepts a workload context exactly as long as the model’s', () => {
    const candidates = evaluateTco({ workload: workload({}, { contextTokens: 8192 }), catalog, gpuCatalog });
    expect(candidates.flatMap((candidate) => candidate.violations)).toEqual([]);
  });

  it('finds a GPU by any of its aliases', () => {
    const twoAliases = gpuCatalogSchema.parse({
      gpus: [{ ...gpu('G', 1), aliases: ['g-alias', 'g-second'] }],
    });
    const selfHosted = find(
      evaluateTco({ workload: workload({}, { gpuTypes: ['G-SECOND'] }), catalog, gpuCatalog: twoAliases }),
      'self_hosted',
    );
    expect(selfHosted?.selfHosting?.gpu.id).toBe('G');
  });
});
