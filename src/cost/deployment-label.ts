import type { TcoCandidate } from './evaluate-tco.ts';
import { setupLabel } from './self-hosting-plan.ts';

/** Where a candidate runs: "API openai", or "self-hosted" with replicas × GPUs and precision. */
export function deploymentLabel(candidate: TcoCandidate): string {
  if (candidate.deployment === 'api') return `API ${candidate.provider ?? ''}`;
  const plan = candidate.selfHosting;
  if (!plan) return 'self-hosted (no setup)';
  return `self-hosted ${setupLabel(plan)}`;
}
