import { describe, expect, it } from 'vitest';
import { apiPriceSchema, catalogModelSchema, type ApiPrice, type CatalogModel } from './catalog-types.ts';
import { apiViolations, selfHostedViolations } from './constraint-violations.ts';
import { workloadSchema, type Workload } from './workload.ts';

// Hand-built catalog entries (the schema fills the defaults), so each constraint is tested on its own.
function model(overrides: Record<string, unknown> = {}): CatalogModel {
  return catalogModelSchema.parse({
    id: 'open-model',
    name: 'Open Model',
    vendor: 'Acme',
    openWeights: true,
    licence: { id: 'acme-community', commercialUse: true, prohibitedUses: ['Military', 'surveillance'] },
    fineTunable: true,
    contextTokens: 8192,
    factsSource: 'test',
    factsAsOf: '2026-01-01',
    ...overrides,
  });
}

function price(overrides: Record<string, unknown> = {}): ApiPrice {
  return apiPriceSchema.parse({
    provider: 'cloudco',
    providerModel: 'open-model-instruct',
    inputUsdPerMillion: 1,
    outputUsdPerMillion: 2,
    regions: ['EU', 'us'],
    fineTuning: true,
    fineTuningPrices: { trainingUsdPerMillion: 3 },
    source: 'test',
    asOf: '2026-01-01',
    ...overrides,
  });
}

function workload(overrides: Record<string, unknown> = {}): Workload {
  return workloadSchema.parse({ name: 'w', tokensPerMonth: { input: 3, output: 1 }, ...overrides });
}

describe('apiViolations', () => {
  it('finds nothing when no constraint is set', () => {
    expect(apiViolations({ model: model(), price: price(), workload: workload() })).toEqual([]);
  });

  it('explains on-premises for open weights (self-host instead) and for API-only models', () => {
    const onPremises = workload({ constraints: { onPremises: true } });
    expect(apiViolations({ model: model(), price: price(), workload: onPremises })).toEqual([
      'on-premises: the cloudco API processes requests off premises (self-host open-model instead)',
    ]);
    expect(
      apiViolations({ model: model({ openWeights: false }), price: price(), workload: onPremises }),
    ).toEqual([
      'on-premises: open-model is API-only (no open weights), so every request leaves the premises for cloudco',
    ]);
  });

  it('checks data residency case-insensitively against the listed regions, and refuses unknown regions', () => {
    const inEu = workload({ constraints: { dataResidency: 'eu' } });
    expect(apiViolations({ model: model(), price: price(), workload: inEu })).toEqual([]);
    expect(
      apiViolations({
        model: model(),
        price: price(),
        workload: workload({ constraints: { dataResidency: 'US' } }),
      }),
    ).toEqual([]);
    expect(
      apiViolations({
        model: model(),
        price: price(),
        workload: workload({ constraints: { dataResidency: 'apac' } }),
      }),
    ).toEqual(['data residency: cloudco processes data in EU, us, not apac']);
    expect(apiViolations({ model: model(), price: price({ regions: undefined }), workload: inEu })).toEqual([
      'data residency: the catalog does not say where cloudco processes data',
    ]);
  });

  it('checks the allowed licences and the licence’s prohibited uses (case-insensitive)', () => {
    expect(
      apiViolations({
        model: model(),
        price: price(),
        workload: workload({ constraints: { licences: ['apache-2.0', 'mit'] } }),
      }),
    ).toEqual(["licence: open-model is under 'acme-community', not one of the allowed apache-2.0, mit"]);
    expect(
      apiViolations({
        model: model(),
        price: price(),
        workload: workload({ constraints: { licences: ['mit', 'acme-community'] } }),
      }),
    ).toEqual([]);
    expect(
      apiViolations({
        model: model(),
        price: price(),
        workload: workload({ useCases: ['chat', 'military', 'SURVEILLANCE'] }),
      }),
    ).toEqual([
      "licence: 'acme-community' (or its acceptable-use policy) prohibits Military, surveillance, a use case of this workload",
    ]);
    expect(
      apiViolations({ model: model(), price: price(), workload: workload({ useCases: ['chat'] }) }),
    ).toEqual([]);
  });

  it('needs fine-tuning at the provider, and a fine-tuning price when the workload fine-tunes', () => {
    const constrained = workload({ constraints: { fineTuning: true } });
    const fineTunes = workload({ fineTuning: { trainingTokens: 1000 } });
    const noFineTuning = price({ fineTuning: false, fineTuningPrices: undefined });
    const unpriced = price({ fineTuningPrices: undefined });
    const reason = 'fine-tuning: cloudco does not offer fine-tuning of open-model';
    expect(apiViolations({ model: model(), price: noFineTuning, workload: constrained })).toEqual([reason]);
    expect(apiViolations({ model: model(), price: noFineTuning, workload: fineTunes })).toEqual([reason]);
    expect(apiViolations({ model: model(), price: price(), workload: constrained })).toEqual([]);
    expect(apiViolations({ model: model(), price: price(), workload: fineTunes })).toEqual([]);
    // Offered but not priced: only a workload that fine-tunes needs the price.
    expect(apiViolations({ model: model(), price: unpriced, workload: constrained })).toEqual([]);
    expect(apiViolations({ model: model(), price: unpriced, workload: fineTunes })).toEqual([
      "fine-tuning: the catalog has no fine-tuning price for cloudco open-model-instruct (give one in the workload's prices)",
    ]);
  });

  it('lists every violation, in order', () => {
    expect(
      apiViolations({
        model: model({ openWeights: false }),
        price: price({ regions: undefined, fineTuning: false }),
        workload: workload({
          useCases: ['military'],
          constraints: { onPremises: true, dataResidency: 'eu', licences: ['mit'], fineTuning: true },
        }),
      }),
    ).toHaveLength(5);
  });
});

describe('selfHostedViolations', () => {
  it('finds nothing when no constraint is set', () => {
    expect(selfHostedViolations({ model: model(), workload: workload() })).toEqual([]);
  });

  it('applies the licence checks shared with APIs', () => {
    expect(
      selfHostedViolations({
        model: model(),
        workload: workload({ useCases: ['surveillance'], constraints: { licences: ['mit'] } }),
      }),
    ).toEqual([
      "licence: open-model is under 'acme-community', not one of the allowed mit",
      "licence: 'acme-community' (or its acceptable-use policy) prohibits surveillance, a use case of this workload",
    ]);
  });

  it('binds the monthly-active-user threshold only above it, with thousands separators', () => {
    const capped = model({
      licence: { id: 'llama', commercialUse: true, maxMonthlyActiveUsers: 700_000_000 },
    });
    expect(
      selfHostedViolations({ model: capped, workload: workload({ monthlyActiveUsers: 700_000_001 }) }),
    ).toEqual([
      "licence: 'llama' needs a separate licence from Acme above 700,000,000 monthly active users; the workload has 700,000,001",
    ]);
    expect(
      selfHostedViolations({ model: capped, workload: workload({ monthlyActiveUsers: 700_000_000 }) }),
    ).toEqual([]);
    expect(selfHostedViolations({ model: capped, workload: workload() })).toEqual([]);
    expect(
      selfHostedViolations({ model: model(), workload: workload({ monthlyActiveUsers: 2_000_000_000 }) }),
    ).toEqual([]);
  });

  it('refuses a non-commercial licence for commercial use, with the licence note when there is one', () => {
    const research = model({ licence: { id: 'research-only', commercialUse: false } });
    const noted = model({
      licence: { id: 'research-only', commercialUse: false, note: 'research use only' },
    });
    expect(selfHostedViolations({ model: research, workload: workload() })).toEqual([
      "licence: 'research-only' does not allow commercial use",
    ]);
    expect(selfHostedViolations({ model: noted, workload: workload() })).toEqual([
      "licence: 'research-only' does not allow commercial use (research use only)",
    ]);
    expect(
      selfHostedViolations({ model: noted, workload: workload({ constraints: { commercialUse: false } }) }),
    ).toEqual([]);
  });

  it('needs fine-tunable weights when the workload fine-tunes or requires it', () => {
    const frozen = model({ fineTunable: false });
    const reason = 'fine-tuning: open-model cannot be fine-tuned';
    expect(
      selfHostedViolations({ model: frozen, workload: workload({ constraints: { fineTuning: true } }) }),
    ).toEqual([reason]);
    expect(
      selfHostedViolations({ model: frozen, workload: workload({ fineTuning: { trainingTokens: 1000 } }) }),
    ).toEqual([reason]);
    expect(selfHostedViolations({ model: frozen, workload: workload() })).toEqual([]);
    expect(
      selfHostedViolations({ model: model(), workload: workload({ constraints: { fineTuning: true } }) }),
    ).toEqual([]);
  });
});
