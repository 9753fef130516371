import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import type { Workload } from '../../cost/workload.ts';
import { compareCandidateQuality, type MeasuredRun, type QualityTies } from './quality-ties.ts';
import { recommend, type Recommendation } from './recommend.ts';
import { routingCurvesForRuns, type ModelRun, type RoutingCurves } from './routing-curves.ts';

/** The eval runs behind the measured quality figures (`--runs`), as the caller read them from the store. */
export interface MeasuredRuns {
  /** By run id: the run's per-item outcomes and the headline metric its measured score reports. */
  readonly byRunId: ReadonlyMap<string, MeasuredRun>;
  /** The same runs with the catalog model and headline value, in `--runs` order (for routing curves). */
  readonly modelRuns: readonly ModelRun[];
}

/** Everything `parity recommend` shows, in every output form. */
export interface RecommendationAnalysis {
  /** The pick, the ranking, the Pareto frontier, break-even and the exclusions. */
  readonly recommendation: Recommendation;
  /** Pairwise tests of measured quality between the ranked models. */
  readonly ties: QualityTies;
  /** Quality and cost as a growing share of requests goes to the stronger of two measured models. */
  readonly routing: RoutingCurves;
}

/**
 * The recommendation for a workload: candidates from `evaluateTco` ranked (`recommend`), the measured qualities
 * of the ranked models tested for ties, and routing curves between measured models. Pure: the caller reads the
 * workload, the catalogs and the runs and passes them in; report/recommend renders the result.
 */
export function analyseRecommendation(options: {
  candidates: readonly TcoCandidate[];
  workload: Workload;
  runs: MeasuredRuns;
}): RecommendationAnalysis {
  const { candidates, workload, runs } = options;
  const recommendation = recommend({ candidates, workload });
  const ties = compareCandidateQuality({ candidates: recommendation.ranked, runs: runs.byRunId });
  const routing = routingCurvesForRuns({
    runs: runs.modelRuns,
    candidates,
    ranked: recommendation.ranked,
    workload,
  });
  return { recommendation, ties, routing };
}
