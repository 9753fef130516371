import { describe, expect, it } from 'vitest';
import { gpuSchema } from './catalog-types.ts';
import { deploymentLabel } from './deployment-label.ts';
import type { TcoCandidate } from './evaluate-tco.ts';
import { monthlyUsdAtShare } from './monthly-cost-at-share.ts';
import type { SelfHostingPlan } from './self-hosting-plan.ts';
import { workloadSchema } from './workload.ts';

const h100 = gpuSchema.parse({
  id: 'h100-80gb',
  name: 'H100 80GB',
  memoryGb: 80,
  memoryBandwidthGbPerSecond: 3350,
  denseTflops: { bf16: 989, fp8: 1979 },
  specSource: 'test',
  hourlyUsd: 2,
  priceSource: 'test',
  priceAsOf: '2026-01-01',
});

// A plan written out by hand: 2 GPUs at $2/h, 1,000 output tokens/s and 4 requests/s per replica.
// Capacity at the 0.5 ceiling: 1,000 × 3,600 × 730 × 0.5 = 1.314e9 output tokens a month per replica.
// One replica costs 2 × 2 × 730 = $2,920 a month; the plan's month has 3 replicas ($8,760) plus $1,240 fixed.
function plan(overrides: Partial<SelfHostingPlan> = {}): SelfHostingPlan {
  return {
    gpu: h100,
    gpuCount: 2,
    gpuHourlyUsd: 2,
    precision: 'fp8',
    computeMode: 'native',
    weightBytes: 70e9,
    kvCacheBytes: 10e9,
    usableBytes: 144e9,
    throughput: {
      outputTokensPerSecond: 1000,
      inputTokensPerSecond: 3000,
      requestsPerSecond: 4,
      tpotMs: 20,
      prefillTimeShare: 0.2,
      basis: 'estimate',
      adjusted: false,
      source: 'test',
    },
    month: {
      replicas: 3,
      replicasForVolume: 3,
      replicasForPeak: 2,
      gpuUsdPerMonth: 8760,
      monthlyUsd: 10_000,
      replicaCapacityOutputTokensPerMonth: 1.314e9,
      utilization: 0.4,
    },
    violations: [],
    ...overrides,
  };
}

function candidate(overrides: Partial<TcoCandidate>): TcoCandidate {
  return { model: 'm', modelName: 'M', deployment: 'self_hosted', quality: [], violations: [], ...overrides };
}

// 3.5e9 output tokens a month (input 0 to keep the mix out of it), peak 6 requests/s, utilization ceiling 0.5.
const workload = workloadSchema.parse({
  name: 'w',
  tokensPerMonth: { input: 0, output: 3.5e9 },
  peakRequestsPerSecond: 6,
});

describe('monthlyUsdAtShare', () => {
  it('bills an API by the token: the share of the full month', () => {
    const api = candidate({ deployment: 'api', provider: 'openai', monthlyCostUsd: 8000 });
    expect(monthlyUsdAtShare({ candidate: api, workload, share: 0.25 })).toBe(2000);
    expect(monthlyUsdAtShare({ candidate: api, workload, share: 1 })).toBe(8000);
  });

  it('costs nothing at share 0 and is undefined for an impossible deployment', () => {
    const selfHosted = candidate({ selfHosting: plan(), monthlyCostUsd: 10_000 });
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 0 })).toBe(0);
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: -0.1 })).toBe(0);
    expect(
      monthlyUsdAtShare({ candidate: candidate({ selfHosting: plan() }), workload, share: 0.5 }),
    ).toBeUndefined();
    expect(
      monthlyUsdAtShare({ candidate: candidate({ deployment: 'api' }), workload, share: 0 }),
    ).toBeUndefined();
  });

  it('scales a self-hosted plan by whole replicas for the share, keeping the fixed costs', () => {
    const selfHosted = candidate({ selfHosting: plan(), monthlyCostUsd: 10_000 });
    // Fixed: 10,000 − 8,760 = $1,240.
    // Share 1: 3.5e9 / 1.314e9 = 2.66 → 3 replicas; peak 6 / 4 = 1.5 → 2. 3 × 2,920 + 1,240 = 10,000.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 1 })).toBeCloseTo(10_000, 6);
    // Share 0.5: 1.75e9 / 1.314e9 = 1.33 → 2 replicas; peak 3 / 4 → 1. 2 × 2,920 + 1,240 = 7,080.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 0.5 })).toBeCloseTo(7080, 6);
    // Share 0.01: 3.5e7 tokens and 0.06 requests/s still need one whole replica: 2,920 + 1,240 = 4,160.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload, share: 0.01 })).toBeCloseTo(4160, 6);
  });

  it('sizes the share for its peak when the peak needs more replicas than the volume', () => {
    const peaky = workloadSchema.parse({
      name: 'w',
      tokensPerMonth: { input: 0, output: 1e9 },
      peakRequestsPerSecond: 20,
    });
    const selfHosted = candidate({ selfHosting: plan(), monthlyCostUsd: 10_000 });
    // Share 0.5: volume 5e8 → 1 replica; peak 10 / 4 = 2.5 → 3 replicas. 3 × 2,920 + 1,240 = 10,000.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload: peaky, share: 0.5 })).toBeCloseTo(10_000, 6);
    // The workload's utilization ceiling, not the plan's, sets a replica's capacity.
    const tight = { ...peaky, utilization: 0.25, peakRequestsPerSecond: 0 };
    // 1e9 / (1,000 × 3,600 × 730 × 0.25 = 6.57e8) = 1.52 → 2 replicas: 2 × 2,920 + 1,240 = 7,080.
    expect(monthlyUsdAtShare({ candidate: selfHosted, workload: tight, share: 1 })).toBeCloseTo(7080, 6);
  });

  it('bills an API by the token even when it carries a self-hosting plan', () => {
    const api = candidate({
      deployment: 'api',
      provider: 'openai',
      monthlyCostUsd: 8000,
      selfHosting: plan(),
    });
    expect(monthlyUsdAtShare({ candidate: api, workload, share: 0.25 })).toBe(2000);
  });

  it('bills a self-hosted candidate without a plan as a share of its month', () => {
    const planless = candidate({ monthlyCostUsd: 5000 });
    expect(monthlyUsdAtShare({ candidate: planless, workload, share: 0.4 })).toBe(2000);
  });
});

describe('deploymentLabel', () => {
  it('names the API provider, or the self-hosted setup with replicas, GPUs and precision', () => {
    expect(deploymentLabel(candidate({ deployment: 'api', provider: 'openai' }))).toBe('API openai');
    expect(deploymentLabel(candidate({ deployment: 'api' }))).toBe('API ');
    expect(deploymentLabel(candidate({}))).toBe('self-hosted (no setup)');
    expect(deploymentLabel(candidate({ selfHosting: plan() }))).toBe('self-hosted 3 × 2 × h100-80gb fp8');
    const single = plan({ month: { ...plan().month, replicas: 1 }, computeMode: 'weight-only' });
    expect(deploymentLabel(candidate({ selfHosting: single }))).toBe(
      'self-hosted 2 × h100-80gb fp8 (weight-only, bf16 compute)',
    );
  });
});
