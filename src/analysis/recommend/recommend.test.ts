// Ranking tco candidates: cheapest eligible first (better mean quality first at equal cost), exclusions, the
// Pareto set on cost and quality, and the break-even between the cheapest self-hosted and API candidates, all
// worked out by hand on small candidate lists.
import { describe, expect, it } from 'vitest';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { QualityFigure } from '../../cost/quality.ts';
import { meanQuality, recommend } from './recommend.ts';
import type { SelfHostingPlan } from '../../cost/self-hosting-plan.ts';
import type { Workload } from '../../cost/workload.ts';

const figure = (value: number): QualityFigure => ({
  benchmark: 'mmlu',
  value,
  basis: 'published',
  protocol: '5-shot',
  source: 'card',
});

function candidate(
  model: string,
  monthlyCostUsd: number | undefined,
  quality: number[],
  extra: Partial<TcoCandidate> = {},
): TcoCandidate {
  return {
    model,
    modelName: model,
    deployment: 'api',
    provider: 'p',
    ...(monthlyCostUsd === undefined ? {} : { monthlyCostUsd }),
    quality: quality.map(figure),
    violations: [],
    ...extra,
  };
}

// 3e9 input and 1e9 output tokens a month.
const workload = { tokensPerMonth: { input: 3e9, output: 1e9 } } as unknown as Workload;
// 2 GPUs at $2/h (× 730 h = $2,920 a month), $80 a month of operations, 5e9 output tokens a month per replica.
const plan = {
  gpuHourlyUsd: 2,
  gpuCount: 2,
  month: { replicaCapacityOutputTokensPerMonth: 5e9, monthlyUsd: 3000, gpuUsdPerMonth: 2920 },
} as unknown as SelfHostingPlan;

describe('meanQuality', () => {
  it('averages the quality figures, undefined without any', () => {
    expect(meanQuality(candidate('a', 1, [0.5, 0.7, 0.9]))).toBeCloseTo(0.7, 12);
    expect(meanQuality(candidate('a', 1, []))).toBeUndefined();
  });
});

describe('recommend', () => {
  it('ranks eligible candidates cheapest first, better quality first at equal cost, and recommends the first', () => {
    const result = recommend({
      workload,
      candidates: [
        candidate('dear', 500, [0.9]),
        candidate('cheap-worse', 100, [0.6]),
        candidate('cheap-better', 100, [0.8]),
        candidate('mid', 200, [0.7, 0.9]),
      ],
    });
    expect(result.ranked.map((entry) => entry.model)).toEqual(['cheap-better', 'cheap-worse', 'mid', 'dear']);
    expect(result.recommended?.model).toBe('cheap-better');
    expect(result.excluded).toEqual([]);
    // cheap-worse is beaten on quality at the same cost, mid (0.8 mean) on cost at the same quality; dear has the
    // best quality.
    expect(result.pareto.map((entry) => entry.model)).toEqual(['cheap-better', 'dear']);
  });

  it('excludes candidates with a violation or no cost, in their input order, and recommends none when all are', () => {
    const violating = candidate('violating', 10, [0.99], { violations: ['licence'] });
    const impossible = candidate('impossible', undefined, [0.99]);
    const fine = candidate('fine', 300, [0.5]);
    const result = recommend({ workload, candidates: [violating, fine, impossible] });
    expect(result.ranked).toEqual([fine]);
    expect(result.excluded).toEqual([violating, impossible]);
    expect(result.pareto).toEqual([fine]);
    const none = recommend({ workload, candidates: [violating, impossible] });
    expect(none.recommended).toBeUndefined();
    expect('recommended' in none).toBe(false);
    expect(none.ranked).toEqual([]);
  });

  it('counts a candidate without quality figures as quality 0 on the Pareto front', () => {
    const result = recommend({
      workload,
      candidates: [candidate('unknown', 100, []), candidate('known', 100, [0.1]), candidate('dear', 200, [])],
    });
    expect(result.ranked.map((entry) => entry.model)).toEqual(['known', 'unknown', 'dear']);
    expect(result.pareto.map((entry) => entry.model)).toEqual(['known']);
  });

  it('keeps both of two candidates equal in cost and quality on the Pareto front', () => {
    const result = recommend({
      workload,
      candidates: [candidate('x', 100, [0.5]), candidate('y', 100, [0.5])],
    });
    expect(result.pareto.map((entry) => entry.model)).toEqual(['x', 'y']);
  });

  it('gives the break-even between the cheapest eligible self-hosted and API candidates', () => {
    const selfHosted = candidate('llama', 3000, [0.7], { deployment: 'self_hosted', selfHosting: plan });
    const api = candidate('gpt', 2000, [0.7], { provider: 'openai' });
    const dearApi = candidate('dear-api', 9000, [0.7], { provider: 'other' });
    // Ranked before the plan but without one (no GPU plan to compare): passed over.
    const planless = candidate('planless', 2500, [0.7], { deployment: 'self_hosted' });
    const result = recommend({ workload, candidates: [dearApi, selfHosted, planless, api] });
    // The API is ranked first, the self-hosted plan second. API: $2,000 ÷ 1e9 = 2e-6 per output token; one
    // replica's margin 2e-6 × 5e9 − 2,920 = 7,080 covers the $80 of operations, so they meet at
    // (2,920 + 80) ÷ 2e-6 = 1.5e9 output tokens = 6e9 tokens at the 3:1 mix.
    expect(result.ranked.map((entry) => entry.model)).toEqual(['gpt', 'planless', 'llama', 'dear-api']);
    expect(result.breakEven).toEqual({
      versus: { model: 'gpt', provider: 'openai' },
      outputTokensPerMonth: 1.5e9,
      tokensPerMonth: 6e9,
      selfHosted: { model: 'llama' },
    });
  });

  it('has no break-even without an eligible self-hosted plan or API candidate', () => {
    const api = candidate('gpt', 3000, [0.7]);
    const withoutPlan = candidate('llama', 3000, [0.7], { deployment: 'self_hosted' });
    const violating = candidate('llama', 100, [0.7], {
      deployment: 'self_hosted',
      selfHosting: plan,
      violations: ['tpot'],
    });
    for (const candidates of [
      [api],
      [withoutPlan, api],
      [violating, api],
      [{ ...withoutPlan, selfHosting: plan }],
    ]) {
      const result = recommend({ workload, candidates });
      expect(result.breakEven).toBeUndefined();
      expect('breakEven' in result).toBe(false);
    }
  });
});
