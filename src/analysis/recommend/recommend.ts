import type { BreakEven, TcoCandidate } from '../../cost/evaluate-tco.ts';
import { breakEven } from '../../cost/evaluate-tco.ts';
import type { Workload } from '../../cost/workload.ts';

export interface Recommendation {
  /** The cheapest candidate that meets every constraint and quality floor; undefined when none does. */
  readonly recommended?: TcoCandidate;
  /** Candidates meeting everything, cheapest first. */
  readonly ranked: readonly TcoCandidate[];
  /** Candidates failing a constraint or floor, with their reasons. */
  readonly excluded: readonly TcoCandidate[];
  /** Ranked candidates no other ranked candidate beats on both monthly cost and mean quality over the floors. */
  readonly pareto: readonly TcoCandidate[];
  /** Between the cheapest eligible self-hosted and API deployments, when both exist. */
  readonly breakEven?: BreakEven & { readonly selfHosted: { readonly model: string } };
}

/** Mean of the candidate's quality figures (the workload's floors); undefined without any. */
export function meanQuality(candidate: TcoCandidate): number | undefined {
  if (candidate.quality.length === 0) return undefined;
  return candidate.quality.reduce((sum, figure) => sum + figure.value, 0) / candidate.quality.length;
}

function dominates(better: TcoCandidate, other: TcoCandidate): boolean {
  const costBetter = better.monthlyCostUsd ?? Infinity;
  const costOther = other.monthlyCostUsd ?? Infinity;
  const qualityBetter = meanQuality(better) ?? 0;
  const qualityOther = meanQuality(other) ?? 0;
  return (
    costBetter <= costOther &&
    qualityBetter >= qualityOther &&
    (costBetter < costOther || qualityBetter > qualityOther)
  );
}

/** Ranks candidates from `evaluateTco` and picks the cheapest that meets the workload's constraints and floors. */
export function recommend(options: {
  candidates: readonly TcoCandidate[];
  workload: Workload;
}): Recommendation {
  // Cheapest first; at equal cost the better mean quality first.
  const byCost = (left: TcoCandidate, right: TcoCandidate): number =>
    (left.monthlyCostUsd ?? Infinity) - (right.monthlyCostUsd ?? Infinity) ||
    (meanQuality(right) ?? 0) - (meanQuality(left) ?? 0);
  const ranked = options.candidates
    .filter((candidate) => candidate.violations.length === 0 && candidate.monthlyCostUsd !== undefined)
    .sort(byCost);
  const excluded = options.candidates.filter((candidate) => !ranked.includes(candidate));
  const pareto = ranked.filter(
    (candidate) => !ranked.some((other) => other !== candidate && dominates(other, candidate)),
  );
  const selfHosted = ranked.find(
    (candidate) => candidate.deployment === 'self_hosted' && candidate.selfHosting,
  );
  const api = ranked.find((candidate) => candidate.deployment === 'api');
  const crossing =
    selfHosted?.selfHosting && api
      ? {
          ...breakEven({
            plan: selfHosted.selfHosting,
            workload: options.workload,
            versus: api,
            model: selfHosted.model,
          }),
          selfHosted: { model: selfHosted.model },
        }
      : undefined;
  return {
    ...(ranked[0] ? { recommended: ranked[0] } : {}),
    ranked,
    excluded,
    pareto,
    ...(crossing ? { breakEven: crossing } : {}),
  };
}
