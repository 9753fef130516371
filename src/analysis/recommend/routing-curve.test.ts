import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from '../../cost/load-catalog.ts';
import { evaluateTco } from '../../cost/evaluate-tco.ts';
import { monthlyUsdAtShare } from '../../cost/monthly-cost-at-share.ts';
import { routingCurve } from './routing-curve.ts';
import { parseWorkload } from '../../cost/workload.ts';

// Ten items. weak right on 1–6 (0.6); strong right on 1–5 and 7–9 (0.8).
// Gains strong − weak: items 7, 8, 9 → +1 (weak wrong, strong right); item 6 → −1; the rest 0.
const weak = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
const strong = [1, 1, 1, 1, 1, 0, 1, 1, 1, 0];
const items = weak.map((value, index) => ({ weak: value, strong: strong[index] ?? 0 }));

describe('routingCurve', () => {
  it('matches a hand computation: random = linear mix, oracle = weak + the k largest gains', () => {
    const curve = routingCurve({
      items,
      weakMonthlyUsd: (share) => 1000 * share,
      strongMonthlyUsd: (share) => 5000 * share,
    });
    expect(curve.items).toBe(10);
    expect(curve.weakQuality).toBeCloseTo(0.6, 12);
    expect(curve.strongQuality).toBeCloseTo(0.8, 12);
    expect(curve.points.map((point) => point.share)).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    // random: 0.6 + 0.2 s
    const random = [0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8];
    // oracle: k items routed; +0.1 for each of the three gains, then six zeros, the −1 last at 100%
    const oracle = [0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8];
    // cost: 1000 (1 − s) + 5000 s = 1000 + 4000 s
    const cost = [1000, 1400, 1800, 2200, 2600, 3000, 3400, 3800, 4200, 4600, 5000];
    curve.points.forEach((point, index) => {
      expect(point.itemsToStrong).toBe(index);
      expect(point.randomQuality).toBeCloseTo(random[index] ?? Number.NaN, 12);
      expect(point.oracleQuality).toBeCloseTo(oracle[index] ?? Number.NaN, 12);
      expect(point.monthlyCostUsd).toBeCloseTo(cost[index] ?? Number.NaN, 9);
    });
    expect(curve.oraclePeak.quality).toBeCloseTo(0.9, 12);
    expect(curve.oraclePeak.share).toBeCloseTo(0.3, 12);
  });

  it('rounds the oracle’s items to the share and weighs items by their metric weight', () => {
    // Four items, macro weights: group A (1 item, weight 1/2), group B (3 items, 1/6 each).
    const curve = routingCurve({
      items: [
        { weak: 0, strong: 1, weight: 1 / 2 },
        { weak: 0, strong: 1, weight: 1 / 6 },
        { weak: 1, strong: 1, weight: 1 / 6 },
        { weak: 1, strong: 0, weight: 1 / 6 },
      ],
      steps: 4,
    });
    expect(curve.weakQuality).toBeCloseTo(1 / 3, 12);
    expect(curve.strongQuality).toBeCloseTo(5 / 6, 12);
    // gains sorted: 1/2, 1/6, 0, −1/6
    expect(curve.points.map((point) => point.oracleQuality)).toEqual(
      [1 / 3, 5 / 6, 1, 1, 5 / 6].map((value) => expect.closeTo(value, 12) as unknown as number),
    );
    expect(curve.points[0]?.monthlyCostUsd).toBeUndefined();
  });
});

describe('monthlyUsdAtShare', () => {
  const workload = parseWorkload({
    file: 'w.yaml',
    text: [
      'name: split',
      'tokens_per_month: { input: 3000000000, output: 1000000000 }',
      'candidates: [llama-3.1-70b-instruct]',
      'utilization: 1',
      'operations_usd_per_month: 500',
      'self_hosting:',
      '  gpu_types: [H100-80GB]',
      '  gpu_hourly_usd: [{ gpu: H100-80GB, usd: 2.49 }]',
      '  precisions: [bf16]',
      '  context_tokens: 8192',
    ].join('\n'),
  });
  const candidates = evaluateTco({ workload, catalog: loadModelCatalog(), gpuCatalog: loadGpuCatalog() });
  const api = candidates.find((candidate) => candidate.deployment === 'api');
  const selfHosted = candidates.find((candidate) => candidate.deployment === 'self_hosted');

  it('scales API cost linearly and keeps whole replicas and operations for self-hosting', () => {
    if (!api?.monthlyCostUsd || !selfHosted?.monthlyCostUsd) throw new Error('catalog lacks llama-3.1-70b');
    expect(monthlyUsdAtShare({ candidate: api, workload, share: 0.3 })).toBeCloseTo(
      api.monthlyCostUsd * 0.3,
      9,
    );
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 1 })).toBeCloseTo(
      selfHosted.monthlyCostUsd,
      9,
    );
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 0 })).toBe(0);
    // 1 B output tokens at 3,543 tok/s on 4 × H100 is one replica (9.3 B/month capacity): any share costs
    // the same replica, 4 × $2.49 × 730 h = $7,270.80, plus $500 operations.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 0.1 })).toBeCloseTo(7770.8, 6);
  });
});
