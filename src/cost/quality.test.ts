// Which score a candidate's quality floor is judged on (parity's own run before the catalog's published figure)
// and the violation lines a missed or unknown floor gives.
import { describe, expect, it } from 'vitest';
import { catalogModelSchema } from './catalog-types.ts';
import { checkQualityFloors, qualityFigure, type MeasuredScore } from './quality.ts';

const model = catalogModelSchema.parse({
  id: 'llama-3.1-8b-instruct',
  name: 'Llama 3.1 8B Instruct',
  vendor: 'Meta',
  openWeights: true,
  licence: { id: 'llama3.1', commercialUse: true },
  fineTunable: true,
  contextTokens: 131_072,
  factsSource: 'model card',
  factsAsOf: '2026-10-01',
  scores: [
    { benchmark: 'mmlu', value: 0.694, protocol: '5-shot', source: 'Meta model card', asOf: '2024-07-23' },
    {
      benchmark: 'gsm8k',
      value: 0.845,
      protocol: '8-shot CoT',
      source: 'Meta model card',
      asOf: '2024-07-23',
    },
  ],
});

const measured: MeasuredScore[] = [
  { model: 'other-model', benchmark: 'mmlu', value: 0.9, protocol: 'mmlu-5shot', runId: 'r0' },
  { model: 'llama-3.1-8b-instruct', benchmark: 'gsm8k', value: 0.5, protocol: 'gsm8k-cot', runId: 'r1' },
  {
    model: 'llama-3.1-8b-instruct',
    benchmark: 'mmlu',
    value: 0.66,
    ci95: [0.64, 0.68],
    n: 14042,
    protocol: 'mmlu-5shot',
    runId: 'r2',
  },
];

describe('qualityFigure', () => {
  it('takes the model’s own measured run, with its interval and item count', () => {
    expect(qualityFigure({ model, benchmark: 'mmlu', measured })).toEqual({
      benchmark: 'mmlu',
      value: 0.66,
      ci95: [0.64, 0.68],
      basis: 'measured',
      protocol: 'mmlu-5shot',
      source: 'run r2',
      runId: 'r2',
      n: 14042,
    });
    // A run without interval or count carries neither key.
    const bare = qualityFigure({ model, benchmark: 'gsm8k', measured });
    expect(bare && 'n' in bare).toBe(false);
    expect(bare && 'ci95' in bare).toBe(false);
    expect(bare).toEqual({
      benchmark: 'gsm8k',
      value: 0.5,
      basis: 'measured',
      protocol: 'gsm8k-cot',
      source: 'run r1',
      runId: 'r1',
    });
  });

  it('falls back to the published figure with its source and date, and to nothing', () => {
    expect(qualityFigure({ model, benchmark: 'mmlu', measured: measured.slice(0, 1) })).toEqual({
      benchmark: 'mmlu',
      value: 0.694,
      basis: 'published',
      protocol: '5-shot',
      source: 'Meta model card, as of 2024-07-23',
    });
    expect(qualityFigure({ model, benchmark: 'ifeval', measured })).toBeUndefined();
  });
});

describe('checkQualityFloors', () => {
  it('passes floors met (the floor itself included) and names each one missed or unknown', () => {
    const result = checkQualityFloors({
      model,
      floors: [
        { benchmark: 'mmlu', min: 0.66 },
        { benchmark: 'gsm8k', min: 0.6 },
        { benchmark: 'ifeval', min: 0.5 },
      ],
      measured,
    });
    expect(result.quality.map((figure) => [figure.benchmark, figure.value])).toEqual([
      ['mmlu', 0.66],
      ['gsm8k', 0.5],
    ]);
    expect(result.violations).toEqual([
      'quality: gsm8k 0.500 (measured, gsm8k-cot) is below the floor 0.6',
      "quality: no ifeval score for llama-3.1-8b-instruct (measure one with 'parity eval --bench ifeval' and pass --runs)",
    ]);
  });

  it('has no figures and no violations without floors', () => {
    expect(checkQualityFloors({ model, floors: [], measured })).toEqual({ quality: [], violations: [] });
  });
});
