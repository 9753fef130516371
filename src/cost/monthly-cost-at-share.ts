import type { TcoCandidate } from './evaluate-tco.ts';
import { selfHostedMonth } from './self-hosting-cost.ts';
import type { Workload } from './workload.ts';

/**
 * A candidate's monthly cost when it serves `share` (0–1) of the workload's requests. APIs bill per token, so
 * the cost is the share of the full monthly cost. Self-hosting keeps the same plan (GPU type, count and
 * throughput) with replicas for the share of the volume and of the peak — whole replicas, at least one while
 * any traffic remains — plus the full fixed costs (operations, staff, fine-tuning); nothing at share 0. Undefined when the candidate has
 * no cost (an impossible deployment).
 */
export function monthlyUsdAtShare(options: {
  candidate: TcoCandidate;
  workload: Workload;
  share: number;
}): number | undefined {
  const { candidate, workload, share } = options;
  if (candidate.monthlyCostUsd === undefined) return undefined;
  if (share <= 0) return 0;
  const plan = candidate.selfHosting;
  if (candidate.deployment === 'api' || !plan) return candidate.monthlyCostUsd * share;
  return selfHostedMonth({
    gpuHourlyUsd: plan.gpuHourlyUsd,
    gpuCount: plan.gpuCount,
    outputTokensPerSecond: plan.throughput.outputTokensPerSecond,
    requestsPerSecond: plan.throughput.requestsPerSecond,
    utilizationCeiling: workload.utilization,
    outputTokensPerMonth: workload.tokensPerMonth.output * share,
    peakRequestsPerSecond: workload.peakRequestsPerSecond * share,
    fixedUsdPerMonth: plan.month.monthlyUsd - plan.month.gpuUsdPerMonth,
  }).monthlyUsd;
}
