import { describe, expect, it } from 'vitest';
import { modelCatalogSchema, type ModelCatalog } from './catalog-types.ts';
import { catalogWithWorkloadPrices } from './catalog-with-workload-prices.ts';
import { workloadSchema, type WorkloadPrice } from './workload.ts';

// A two-model catalog written out by hand (the schema fills defaults such as tiers and fineTuning).
const catalog: ModelCatalog = modelCatalogSchema.parse({
  models: [
    {
      id: 'open-7b',
      name: 'Open 7B',
      vendor: 'Acme',
      aliases: ['acme/Open-7B-Instruct'],
      openWeights: true,
      licence: { id: 'apache-2.0', commercialUse: true },
      fineTunable: true,
      contextTokens: 32768,
      factsSource: 'test',
      factsAsOf: '2026-01-01',
      apiPrices: [
        {
          provider: 'together',
          providerModel: 'acme/Open-7B-Instruct',
          inputUsdPerMillion: 0.2,
          outputUsdPerMillion: 0.2,
          source: 'together pricing page',
          asOf: '2026-01-01',
        },
        {
          provider: 'fireworks',
          providerModel: 'open-7b',
          inputUsdPerMillion: 0.1,
          outputUsdPerMillion: 0.3,
          source: 'fireworks pricing page',
          asOf: '2026-01-01',
        },
      ],
    },
    {
      id: 'closed-large',
      name: 'Closed Large',
      vendor: 'Bigco',
      openWeights: false,
      licence: { id: 'proprietary', commercialUse: true },
      fineTunable: false,
      contextTokens: 128000,
      factsSource: 'test',
      factsAsOf: '2026-01-01',
      apiPrices: [],
    },
  ],
});

/** Workload prices as a workload file gives them (defaults: source 'workload file', no date). */
function prices(entries: Record<string, unknown>[]): WorkloadPrice[] {
  return workloadSchema.parse({ name: 'w', tokensPerMonth: { input: 3, output: 1 }, prices: entries }).prices;
}

describe('catalogWithWorkloadPrices', () => {
  it('replaces the same provider’s price of a catalog model, keeping the other providers', () => {
    const result = catalogWithWorkloadPrices({
      catalog,
      prices: prices([
        {
          model: 'ACME/open-7b-instruct',
          provider: 'together',
          inputUsdPerMillion: 0.15,
          outputUsdPerMillion: 0.6,
        },
      ]),
      file: 'w.yaml',
    });
    const open = result.models.find((model) => model.id === 'open-7b');
    // Strict: figures the workload does not give get no key at all, not even an undefined one.
    expect(open?.apiPrices).toStrictEqual([
      catalog.models[0]?.apiPrices[1],
      {
        provider: 'together',
        providerModel: 'ACME/open-7b-instruct',
        inputUsdPerMillion: 0.15,
        outputUsdPerMillion: 0.6,
        tiers: [],
        fineTuning: false,
        source: 'workload file (w.yaml)',
        asOf: 'undated',
      },
    ]);
    expect(result.models.map((model) => model.id)).toEqual(['open-7b', 'closed-large']);
    // The catalog passed in is unchanged.
    expect(catalog.models[0]?.apiPrices.map((entry) => entry.inputUsdPerMillion)).toEqual([0.2, 0.1]);
  });

  it('adds a new provider with every optional figure, fine-tuning priced, and no file in the source', () => {
    const result = catalogWithWorkloadPrices({
      catalog,
      prices: prices([
        {
          model: 'closed-large',
          provider: 'azure',
          inputUsdPerMillion: 5,
          cachedInputUsdPerMillion: 2.5,
          cacheWriteUsdPerMillion: 6.25,
          outputUsdPerMillion: 15,
          regions: ['eu'],
          fineTuningTrainingUsdPerMillion: 25,
          source: 'our contract',
          asOf: '2026-03-01',
        },
      ]),
    });
    expect(result.models.find((model) => model.id === 'closed-large')?.apiPrices).toEqual([
      {
        provider: 'azure',
        providerModel: 'closed-large',
        inputUsdPerMillion: 5,
        cachedInputUsdPerMillion: 2.5,
        cacheWriteUsdPerMillion: 6.25,
        outputUsdPerMillion: 15,
        tiers: [],
        regions: ['eu'],
        fineTuning: true,
        fineTuningPrices: { trainingUsdPerMillion: 25 },
        source: 'our contract',
        asOf: '2026-03-01',
      },
    ]);
  });

  it('adds an uncatalogued model as an API-only entry with an id made from its name', () => {
    const result = catalogWithWorkloadPrices({
      catalog,
      prices: prices([
        {
          model: '--Our/Fine_Tuned  Model v2.1!!',
          provider: 'inhouse',
          inputUsdPerMillion: 1,
          outputUsdPerMillion: 2,
          asOf: '2026-02-02',
        },
      ]),
      file: 'w.yaml',
    });
    expect(result.models.map((model) => model.id)).toEqual([
      'open-7b',
      'closed-large',
      'our-fine-tuned-model-v2.1',
    ]);
    // Runs of other characters (the two spaces, the leading dashes, the trailing !!) become one dash, trimmed at the ends.
    expect(result.models[2]).toStrictEqual({
      id: 'our-fine-tuned-model-v2.1',
      name: '--Our/Fine_Tuned  Model v2.1!!',
      vendor: 'inhouse',
      aliases: ['--Our/Fine_Tuned  Model v2.1!!'],
      openWeights: false,
      licence: { id: 'unknown', commercialUse: true, prohibitedUses: [] },
      fineTunable: false,
      contextTokens: Number.MAX_SAFE_INTEGER,
      factsSource: 'not in the catalog: priced by the workload file',
      factsAsOf: '2026-02-02',
      apiPrices: [
        {
          provider: 'inhouse',
          providerModel: '--Our/Fine_Tuned  Model v2.1!!',
          inputUsdPerMillion: 1,
          outputUsdPerMillion: 2,
          tiers: [],
          fineTuning: false,
          source: 'workload file (w.yaml)',
          asOf: '2026-02-02',
        },
      ],
      scores: [],
      throughput: [],
    });
  });

  it('gathers two spellings of one uncatalogued model under one id; an undated one stays undated', () => {
    const result = catalogWithWorkloadPrices({
      catalog,
      prices: prices([
        { model: 'Mystery 1', provider: 'first', inputUsdPerMillion: 1, outputUsdPerMillion: 1 },
        { model: 'Mystery_1', provider: 'second', inputUsdPerMillion: 2, outputUsdPerMillion: 2 },
      ]),
    });
    const mystery = result.models.filter((model) => model.id === 'mystery-1');
    expect(mystery).toHaveLength(1);
    expect(mystery[0]?.factsAsOf).toBe('undated');
    expect(mystery[0]?.name).toBe('Mystery 1');
    expect(
      mystery[0]?.apiPrices.map((entry) => [entry.provider, entry.inputUsdPerMillion, entry.source]),
    ).toEqual([
      ['first', 1, 'workload file'],
      ['second', 2, 'workload file'],
    ]);
  });

  it('finds a model added by an earlier price of the same file by its name', () => {
    const result = catalogWithWorkloadPrices({
      catalog,
      prices: prices([
        { model: 'Custom Model', provider: 'a', inputUsdPerMillion: 1, outputUsdPerMillion: 1 },
        { model: 'Custom Model', provider: 'a', inputUsdPerMillion: 3, outputUsdPerMillion: 3 },
      ]),
    });
    // The second price replaces the first (same provider), through the alias the first one added.
    expect(
      result.models
        .find((model) => model.id === 'custom-model')
        ?.apiPrices.map((entry) => entry.inputUsdPerMillion),
    ).toEqual([3]);
  });
});
