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

/** Issue 24's planted bug: replicas rounded to nearest understate the month's cost at 1.3 replicas of load. */
describe('selfHostedMonth bills 1.3 replicas of load as 2 replicas', () => {
  // One replica: 4 GPUs at $2/h; 1,000 tok/s × 3,600 s × 730 h × 0.5 ceiling = 1,314,000,000 tokens a month.
  const replica = { gpuHourlyUsd: 2, gpuCount: 4, outputTokensPerSecond: 1000, requestsPerSecond: 2 };

  it('volume: 1,708,200,000 tokens = 1.3 × 1,314,000,000 → 2 replicas, $12,180 a month with $500 fixed', () => {
    const month = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 1_708_200_000,
      peakRequestsPerSecond: 0,
      fixedUsdPerMonth: 500,
    });
    // 2 replicas × 4 GPUs × $2/h × 730 h = $11,680; + $500 = $12,180 (rounding to 1 replica would say $6,340)
    expect(month.replicasForVolume).toBe(2);
    expect(month.replicas).toBe(2);
    expect(month.gpuUsdPerMonth).toBe(11_680);
    expect(month.monthlyUsd).toBe(12_180);
    // 1,708,200,000 ÷ (2 × 1,000 × 3,600 × 730 = 5,256,000,000) = 0.325 of full load
    expect(month.utilization).toBeCloseTo(0.325, 12);
  });

  it('peak: 2.6 requests/s at 2 per replica = 1.3 replicas → 2 replicas, $11,680 of GPUs', () => {
    const month = selfHostedMonth({
      ...replica,
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 1_000_000,
      peakRequestsPerSecond: 2.6,
      fixedUsdPerMonth: 0,
    });
    expect([month.replicasForVolume, month.replicasForPeak, month.replicas]).toEqual([1, 2, 2]);
    expect(month.monthlyUsd).toBe(11_680);
  });
});
