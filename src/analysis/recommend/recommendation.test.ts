import { describe, expect, it } from 'vitest';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { Workload } from '../../cost/workload.ts';
import type { MetricSpec } from '../../spec/index.ts';
import type { ComparableRun } from '../compare-runs.ts';
import { analyseRecommendation } from './recommendation.ts';
import type { ModelRun } from './routing-curves.ts';

const accuracy: MetricSpec = {
  name: 'accuracy',
  itemScore: 'accuracy',
  aggregate: 'mean',
  kind: 'proportion',
};
const workload = { tokensPerMonth: { input: 3e9, output: 1e9 } } as unknown as Workload;

function modelRun(model: string, right: readonly number[]): ModelRun {
  const run: ComparableRun = {
    runId: `run-${model}`,
    kind: 'eval',
    config: {
      modelSpec: model,
      model: { provider: 'import', endpoint: '', modelId: model },
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
      protocolVersion: 1,
      concurrency: 1,
      timeoutMs: 1,
      maxRetries: 0,
    },
    status: 'completed',
    doneItems: right.length,
    totalItems: right.length,
    createdAt: '',
    updatedAt: '',
    items: right.map((score, index) => ({
      itemId: `q${index}`,
      status: 'ok' as const,
      scores: { accuracy: score },
    })),
  };
  const value = right.reduce((sum, score) => sum + score, 0) / right.length;
  return { model, value, run, metric: accuracy };
}

function candidate(
  model: string,
  monthlyCostUsd: number,
  value: number,
  violations: string[] = [],
): TcoCandidate {
  return {
    model,
    modelName: model,
    deployment: 'api',
    provider: 'p',
    monthlyCostUsd,
    quality: [
      {
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot accuracy',
        source: 'test',
        basis: 'measured',
        value,
        runId: `run-${model}`,
        n: 4,
      },
    ],
    violations,
  } as unknown as TcoCandidate;
}

describe('analyseRecommendation', () => {
  it('ranks the candidates, tests the ranked models for ties and draws routing curves between the measured runs', () => {
    const small = modelRun('small', [1, 0, 0, 1]);
    const big = modelRun('big', [1, 1, 1, 1]);
    const excluded = modelRun('slow', [1, 1, 1, 0]);
    const candidates = [
      candidate('big', 100, 1),
      candidate('small', 10, 0.5),
      candidate('slow', 1, 0.75, ['too slow']),
    ];
    const analysis = analyseRecommendation({
      candidates,
      workload,
      runs: {
        byRunId: new Map([small, big, excluded].map((entry) => [entry.run.runId, entry])),
        modelRuns: [small, big],
      },
    });
    expect(analysis.recommendation.recommended?.model).toBe('small');
    expect(analysis.recommendation.ranked.map((entry) => entry.model)).toEqual(['small', 'big']);
    // Only the ranked models are tested: small against big (paired: 2 discordant items, McNemar p = 0.5).
    expect(analysis.ties.comparisons).toHaveLength(1);
    expect(analysis.ties.comparisons[0]).toMatchObject({
      a: { model: 'small' },
      b: { model: 'big' },
      paired: true,
    });
    expect(analysis.ties.comparisons[0]?.test.pValue).toBeCloseTo(0.5, 12);
    expect(analysis.routing.curves).toHaveLength(1);
    expect(analysis.routing.curves[0]).toMatchObject({
      weak: { model: 'small', eligible: true, monthlyCostUsd: 10 },
      strong: { model: 'big', eligible: true, monthlyCostUsd: 100 },
    });
  });
});
