import { describe, expect, it } from 'vitest';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { Workload } from '../../cost/workload.ts';
import type { MetricSpec } from '../../spec/index.ts';
import type { ComparableRun } from '../compare-runs.ts';
import { routingCurvesForRuns, type ModelRun } from './routing-curves.ts';

const accuracy: MetricSpec = {
  name: 'accuracy',
  itemScore: 'accuracy',
  aggregate: 'mean',
  kind: 'proportion',
};
const macro: MetricSpec = { ...accuracy, name: 'macro_accuracy', aggregate: 'group-mean' };
// API candidates only: their cost at a share is the share of the monthly cost, whatever the workload.
const workload = { tokensPerMonth: { input: 3e9, output: 1e9 } } as unknown as Workload;

interface ItemSpec {
  readonly id: string;
  readonly score: number | null;
  readonly group?: string;
  readonly status?: 'ok' | 'error';
}

function modelRun(
  model: string,
  runId: string,
  items: readonly ItemSpec[],
  options: { value?: number; metric?: MetricSpec; benchmark?: string; protocol?: string } = {},
): ModelRun {
  const run: ComparableRun = {
    runId,
    kind: 'eval',
    config: {
      modelSpec: model,
      model: { provider: 'import', endpoint: '', modelId: model },
      benchmark: options.benchmark ?? 'mmlu',
      protocol: options.protocol ?? 'mmlu.gen.5shot',
      protocolVersion: 1,
      concurrency: 1,
      timeoutMs: 1,
      maxRetries: 0,
    },
    status: 'completed',
    doneItems: items.length,
    totalItems: items.length,
    createdAt: '',
    updatedAt: '',
    items: items.map((item) => ({
      itemId: item.id,
      status: item.status ?? 'ok',
      scores: (item.score === null ? {} : { accuracy: item.score }) as Record<string, number>,
      ...(item.group === undefined ? {} : { group: item.group }),
    })),
  };
  const scored = items.filter((item) => item.score !== null && item.status !== 'error');
  const value = options.value ?? scored.reduce((sum, item) => sum + (item.score ?? 0), 0) / scored.length;
  return { model, value, run, metric: options.metric ?? accuracy };
}

function api(model: string, monthlyCostUsd: number | undefined, provider = 'acme'): TcoCandidate {
  return {
    model,
    modelName: model,
    deployment: 'api',
    provider,
    ...(monthlyCostUsd === undefined ? {} : { monthlyCostUsd }),
    quality: [],
    violations: [],
  } as TcoCandidate;
}

const ids = (scores: readonly number[], group?: (index: number) => string): ItemSpec[] =>
  scores.map((score, index) => ({ id: `q${index}`, score, ...(group ? { group: group(index) } : {}) }));

describe('routingCurvesForRuns', () => {
  it('pairs the strongest run with the cheapest other one, costs from their eligible deployments', () => {
    // strong: 4 of 4; mid: 2 of 4 (cost 100); cheap: 1 of 4 (cost 10, eligible).
    const strong = modelRun('big', 'r-big', ids([1, 1, 1, 1]));
    const mid = modelRun('mid', 'r-mid', ids([1, 1, 0, 0]));
    const cheap = modelRun('small', 'r-small', ids([1, 0, 0, 0]));
    const candidates = [api('big', 1000), api('mid', 100), api('small', 10), api('small', 5, 'other')];
    const { curves, skipped } = routingCurvesForRuns({
      runs: [mid, strong, cheap],
      candidates,
      // 'small' is eligible through its 10 USD deployment (the ranked list), not the cheaper 5 USD one.
      ranked: [candidates[0]!, candidates[2]!],
      workload,
      steps: 4,
    });
    expect(skipped).toEqual([]);
    expect(curves).toHaveLength(1);
    const [report] = curves;
    expect(report).toMatchObject({
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
      metric: 'accuracy',
      weak: { model: 'small', runId: 'r-small', deployment: 'API acme', eligible: true, monthlyCostUsd: 10 },
      strong: { model: 'big', runId: 'r-big', deployment: 'API acme', eligible: true, monthlyCostUsd: 1000 },
    });
    // Items: weak 1,0,0,0 vs strong 1,1,1,1: weak quality 1/4, strong 1, three gains of 1/4.
    expect(report!.curve.items).toBe(4);
    expect(report!.curve.weakQuality).toBeCloseTo(0.25, 12);
    expect(report!.curve.strongQuality).toBeCloseTo(1, 12);
    expect(report!.curve.oraclePeak).toEqual({ quality: 1, share: 0.75 });
    // Steps 4 → shares 0, 0.25, 0.5, 0.75, 1; cost 10·(1 − s) + 1000·s.
    expect(report!.curve.points.map((point) => point.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const costs = report!.curve.points.map((point) => point.monthlyCostUsd ?? Number.NaN);
    [10, 257.5, 505, 752.5, 1000].forEach((expected, index) => expect(costs[index]).toBeCloseTo(expected, 9));
  });

  it("without an eligible deployment takes the model's cheapest one and says it is not eligible", () => {
    const strong = modelRun('big', 'r-big', ids([1, 1]));
    const weak = modelRun('small', 'r-small', ids([0, 1]));
    const candidates = [
      api('big', 1000),
      api('small', 30, 'dear'),
      api('small', 20, 'cheap'),
      api('small', undefined),
    ];
    const [report] = routingCurvesForRuns({ runs: [strong, weak], candidates, ranked: [], workload }).curves;
    expect(report?.weak).toEqual({
      model: 'small',
      runId: 'r-small',
      deployment: 'API cheap',
      eligible: false,
      monthlyCostUsd: 20,
    });
    expect(report?.strong).toEqual({
      model: 'big',
      runId: 'r-big',
      deployment: 'API acme',
      eligible: false,
      monthlyCostUsd: 1000,
    });
    // Default steps: 10, so 11 points from 0 to 1.
    expect(report?.curve.points).toHaveLength(11);
    expect(report?.curve.points[10]?.share).toBe(1);
    expect(report?.curve.points[0]?.monthlyCostUsd).toBeCloseTo(20, 9);
  });

  it('with no known cost: the weak run is the lowest-valued other one, no deployment and no cost on the curve', () => {
    const strong = modelRun('a', 'r-a', ids([1, 1, 1]));
    const worse = modelRun('b', 'r-b', ids([0, 0, 1]));
    const better = modelRun('c', 'r-c', ids([0, 1, 1]));
    const [report] = routingCurvesForRuns({
      runs: [better, strong, worse],
      candidates: [],
      ranked: [],
      workload,
    }).curves;
    expect(report?.strong).toEqual({ model: 'a', runId: 'r-a', eligible: false });
    expect(report?.weak).toEqual({ model: 'b', runId: 'r-b', eligible: false });
    expect(report?.curve.points.every((point) => point.monthlyCostUsd === undefined)).toBe(true);
  });

  it('a cost for one end only gives no cost curve', () => {
    const strong = modelRun('a', 'r-a', ids([1, 1]));
    const weak = modelRun('b', 'r-b', ids([0, 1]));
    const [report] = routingCurvesForRuns({
      runs: [strong, weak],
      candidates: [api('b', 10)],
      ranked: [],
      workload,
    }).curves;
    expect(report?.weak.monthlyCostUsd).toBe(10);
    expect(report?.strong.monthlyCostUsd).toBeUndefined();
    expect(report?.curve.points.every((point) => point.monthlyCostUsd === undefined)).toBe(true);
  });

  it('keeps the first run of each model, groups by benchmark and protocol, and needs two models', () => {
    const first = modelRun('a', 'r-a1', ids([1, 1]));
    const again = modelRun('a', 'r-a2', ids([0, 0]), { value: 5 });
    const other = modelRun('b', 'r-b', ids([0, 1]));
    const alone = modelRun('c', 'r-c', ids([1]), { benchmark: 'gsm8k', protocol: 'gsm8k.cot.8shot' });
    const sameBenchmark = modelRun('b', 'r-b2', ids([1]), { protocol: 'mmlu.cot.0shot' });
    const { curves, skipped } = routingCurvesForRuns({
      runs: [first, again, other, alone, sameBenchmark],
      candidates: [],
      ranked: [],
      workload,
    });
    expect(skipped).toEqual([]);
    expect(curves).toHaveLength(1);
    expect(curves[0]?.strong.runId).toBe('r-a1');
    expect(curves[0]?.weak.runId).toBe('r-b');
  });

  it('names the runs of a pair that share no scored item', () => {
    const strong = modelRun('a', 'r-a', [
      { id: 'x', score: 1 },
      { id: 'y', score: null },
    ]);
    const weak = modelRun('b', 'r-b', [
      { id: 'z', score: 0 },
      { id: 'y', score: 1 },
    ]);
    const { curves, skipped } = routingCurvesForRuns({
      runs: [strong, weak],
      candidates: [],
      ranked: [],
      workload,
    });
    expect(curves).toEqual([]);
    expect(skipped).toEqual(['mmlu (mmlu.gen.5shot): runs r-b (b) and r-a (a) share no scored item']);
  });

  it('pairs items by id, leaves errors out, and weighs a macro metric by 1/(groups × group size)', () => {
    // Group g1 has 1 shared item, g2 has 3. Weak right on the g1 item only; strong right on the g2 items only.
    const group = (index: number) => (index === 0 ? 'g1' : 'g2');
    const strong = modelRun(
      'a',
      'r-a',
      [...ids([0, 1, 1, 1], group), { id: 'extra', score: 1, group: 'g1' }],
      {
        metric: macro,
        value: 0.9,
      },
    );
    const weak = modelRun(
      'b',
      'r-b',
      [...ids([1, 0, 0, 0], group), { id: 'broken', score: 1, group: 'g1', status: 'error' }],
      { metric: macro, value: 0.1 },
    );
    const [report] = routingCurvesForRuns({
      runs: [strong, weak],
      candidates: [],
      ranked: [],
      workload,
    }).curves;
    expect(report?.metric).toBe('macro_accuracy');
    expect(report?.curve.items).toBe(4);
    // Macro: g1 weight 1/(2·1) = 1/2, g2 items 1/(2·3) = 1/6 each. Weak: 1/2; strong: 3 · 1/6 = 1/2.
    expect(report?.curve.weakQuality).toBeCloseTo(0.5, 12);
    expect(report?.curve.strongQuality).toBeCloseTo(0.5, 12);
    // Oracle: the three g2 gains of 1/6 go to the strong model: 1/2 + 3/6 = 1, at share 3/4.
    expect(report?.curve.oraclePeak.quality).toBeCloseTo(1, 12);
    expect(report?.curve.oraclePeak.share).toBe(0.75);
  });

  it('a micro metric weighs every paired item alike', () => {
    const group = (index: number) => (index === 0 ? 'g1' : 'g2');
    const strong = modelRun('a', 'r-a', ids([0, 1, 1, 1], group));
    const weak = modelRun('b', 'r-b', ids([1, 0, 0, 0], group));
    const [report] = routingCurvesForRuns({
      runs: [strong, weak],
      candidates: [],
      ranked: [],
      workload,
    }).curves;
    expect(report?.curve.weakQuality).toBeCloseTo(0.25, 12);
    expect(report?.curve.strongQuality).toBeCloseTo(0.75, 12);
  });
});
