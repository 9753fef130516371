import { describe, expect, it } from 'vitest';
import { hoursPerMonth, selfHostedMonth, selfHostedUsdPerMillionOutputTokens } from './self-hosting-cost.ts';

describe('selfHostedUsdPerMillionOutputTokens', () => {
  it('reproduces docs/cost.md: 70B on 4 × H100 at $2.49 and 3,543 tokens/s costs $0.78 per million output tokens', () => {
    // 4 × $2.49 = $9.96 per hour; 3,543 tokens/s × 3,600 s = 12.7548 M tokens per hour; 9.96 / 12.7548 = 0.781
    const usd = selfHostedUsdPerMillionOutputTokens({
      gpuHourlyUsd: 2.49,
      gpuCount: 4,
      outputTokensPerSecond: 3543,
      utilization: 1,
    });
    expect(usd.toFixed(2)).toBe('0.78');
  });

  it('reproduces the v0.5.4 figure ($1.85 at 1,492 tokens/s) and scales with utilization (~3.3× at 30%)', () => {
    const v054 = selfHostedUsdPerMillionOutputTokens({
      gpuHourlyUsd: 2.49,
      gpuCount: 4,
      outputTokensPerSecond: 1492,
      utilization: 1,
    });
    expect(v054.toFixed(2)).toBe('1.85');
    const atThirtyPercent = selfHostedUsdPerMillionOutputTokens({
      gpuHourlyUsd: 2.49,
      gpuCount: 4,
      outputTokensPerSecond: 3543,
      utilization: 0.3,
    });
    // 0.781 / 0.3 = 2.60 (docs/protocols.md: "~$2.6/M best case")
    expect(atThirtyPercent.toFixed(1)).toBe('2.6');
  });
});

describe('selfHostedMonth', () => {
  it('takes enough replicas for the volume under the utilization ceiling and for the peak request rate', () => {
    // one replica: 1,000 tok/s × 3,600 × 730 × 0.5 = 1.314 B output tokens a month
    const month = selfHostedMonth({
      gpuHourlyUsd: 2,
      gpuCount: 2,
      outputTokensPerSecond: 1000,
      requestsPerSecond: 2, // 500 output tokens per request
      utilizationCeiling: 0.5,
      outputTokensPerMonth: 2e9, // needs 2 replicas
      peakRequestsPerSecond: 5, // needs 3 replicas
      fixedUsdPerMonth: 1000,
    });
    expect(month).toEqual({
      replicas: 3,
      replicasForVolume: 2,
      replicasForPeak: 3,
      gpuUsdPerMonth: 3 * 2 * 2 * hoursPerMonth,
      monthlyUsd: 3 * 2 * 2 * hoursPerMonth + 1000,
      replicaCapacityOutputTokensPerMonth: 1000 * 3600 * 730 * 0.5,
      utilization: 2e9 / (3 * 1000 * 3600 * 730),
    });
  });
});

describe('selfHostedUsdPerMillionOutputTokens with overhead', () => {
  it('adds the hourly overhead to the GPUs before dividing by the tokens served', () => {
    // (2 GPUs × $3 + $4 overhead) = $10 an hour; 1,000 tok/s × 3,600 s × 0.5 = 1.8 M tokens an hour
    // $10 / 1.8 = $5.555… per million output tokens
    const usd = selfHostedUsdPerMillionOutputTokens({
      gpuHourlyUsd: 3,
      gpuCount: 2,
      outputTokensPerSecond: 1000,
      utilization: 0.5,
      overheadHourlyUsd: 4,
    });
    expect(usd).toBeCloseTo(10 / 1.8, 12);
  });
});
