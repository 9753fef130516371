import { describe, expect, it } from 'vitest';
import { hoursPerMonth, selfHostedMonth } from './self-hosting-cost.ts';

/**
 * Replicas are whole machines: any fraction of one more replica's load needs that replica (rounding up), and a
 * load that fills replicas exactly needs no extra one. Expectations worked out by hand.
 */
describe('selfHostedMonth rounds replicas up, never to nearest', () => {
  // One replica: 1,000 tok/s at a 0.5 utilization ceiling = 1,000 × 3,600 × 730 × 0.5 = 1.314e9 tokens a month,
  // and 2 requests/s.
  const replica = { gpuHourlyUsd: 2, gpuCount: 4, outputTokensPerSecond: 1000, requestsPerSecond: 2 };
  const capacity = 1000 * 3600 * hoursPerMonth * 0.5;

  it('1.2 replicas of volume need 2; 2.2 replicas of peak need 3', () => {
    const month = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 1.2 * capacity,
      peakRequestsPerSecond: 4.4,
      fixedUsdPerMonth: 0,
    });
    expect({
      volume: month.replicasForVolume,
      peak: month.replicasForPeak,
      replicas: month.replicas,
    }).toEqual({
      volume: 2,
      peak: 3,
      replicas: 3,
    });
    // 3 replicas × 4 GPUs × $2/h × 730 h = $17,520 a month.
    expect(month.gpuUsdPerMonth).toBe(17_520);
  });

  it('a load that fills replicas exactly needs no extra one, and an idle workload still needs one', () => {
    const exact = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 2 * capacity,
      peakRequestsPerSecond: 4,
      fixedUsdPerMonth: 0,
    });
    expect([exact.replicasForVolume, exact.replicasForPeak, exact.replicas]).toEqual([2, 2, 2]);
    const idle = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 0,
      peakRequestsPerSecond: 0,
      fixedUsdPerMonth: 100,
    });
    expect([idle.replicas, idle.monthlyUsd]).toEqual([1, 4 * 2 * hoursPerMonth + 100]);
  });

  it('a sliver over one replica (1.01) still takes a second', () => {
    const month = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 1.01 * capacity,
      peakRequestsPerSecond: 2.02,
      fixedUsdPerMonth: 0,
    });
    expect([month.replicasForVolume, month.replicasForPeak]).toEqual([2, 2]);
  });
});
