import type { Recommendation } from '../../analysis/recommend/recommend.ts';
import type { RecommendationAnalysis } from '../../analysis/recommend/recommendation.ts';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import { tcoCandidateJson, tcoJson, type TcoCandidateJson, type TcoJson } from '../tco-json.ts';
import { tiedWith, type QualitySide, type QualityTies } from '../../analysis/recommend/quality-ties.ts';
import type { RoutingCurves, RoutingEnd } from '../../analysis/recommend/routing-curves.ts';

export interface QualitySideJson {
  model: string;
  run_id: string;
  value: number;
  ci95: [number, number] | null;
  n: number | null;
}

export interface QualityComparisonsJson {
  level: number;
  adjustment: 'holm';
  comparisons: {
    benchmark: string;
    a: QualitySideJson;
    b: QualitySideJson;
    paired: boolean;
    n_paired: number | null;
    /** `clipped: true` when the interval reached past ±1 (proportions) and was clipped. */
    difference: { value: number; ci95: [number, number]; clipped?: true };
    test: {
      name: string;
      p_value: number;
      p_adjusted: number;
      discordant: { a_only: number; b_only: number } | null;
    };
    verdict: 'tied' | 'a_better' | 'b_better';
  }[];
  /** Published catalog figures: never tested, so never tied or different. */
  not_tested: { benchmark: string; model: string; basis: 'published' }[];
}

export interface RoutingEndJson {
  model: string;
  run_id: string;
  quality: number;
  deployment: string | null;
  eligible: boolean;
  monthly_cost_usd: number | null;
}

export interface RoutingCurveJson {
  benchmark: string;
  protocol: string;
  metric: string;
  items: number;
  weak: RoutingEndJson;
  strong: RoutingEndJson;
  policies: { random: string; oracle_upper_bound: string; cost: string };
  oracle_peak: { quality: number; share: number };
  points: {
    share: number;
    items_to_strong: number;
    random_quality: number;
    oracle_quality_upper_bound: number;
    monthly_cost_usd: number | null;
  }[];
}

const money = (value: number | undefined): number | null =>
  value === undefined || !Number.isFinite(value) ? null : Math.round(value * 10_000) / 10_000;

function side(entry: QualitySide): QualitySideJson {
  return {
    model: entry.model,
    run_id: entry.runId,
    value: entry.value,
    ci95: entry.ci95 ? [entry.ci95[0], entry.ci95[1]] : null,
    n: entry.n ?? null,
  };
}

export function qualityComparisonsJson(ties: QualityTies | undefined): QualityComparisonsJson {
  return {
    level: ties?.level ?? 0.05,
    adjustment: 'holm',
    comparisons: (ties?.comparisons ?? []).map((comparison) => ({
      benchmark: comparison.benchmark,
      a: side(comparison.a),
      b: side(comparison.b),
      paired: comparison.paired,
      n_paired: comparison.nPaired,
      difference: {
        value: comparison.difference.value,
        ci95: [comparison.difference.ci95[0], comparison.difference.ci95[1]],
        ...(comparison.difference.clipped ? { clipped: true as const } : {}),
      },
      test: {
        name: comparison.test.name,
        p_value: comparison.test.pValue,
        p_adjusted: comparison.test.pAdjusted,
        discordant: comparison.test.discordant
          ? { a_only: comparison.test.discordant.aOnly, b_only: comparison.test.discordant.bOnly }
          : null,
      },
      verdict: comparison.verdict,
    })),
    not_tested: (ties?.notTested ?? []).map((entry) => ({ ...entry, basis: 'published' as const })),
  };
}

const policies = {
  random:
    'each request goes to the strong model with probability share: expected quality is the linear mix (1 - share) * weak + share * strong',
  oracle_upper_bound:
    'the round(share * items) items where the strong model gains most over the weak one (first those the weak model gets wrong and the strong one right) go to the strong model: an upper bound no real router reaches',
  cost: 'each model serves its share of the workload: APIs per token, self-hosting in whole replicas with operations kept while it serves any',
};

function end(entry: RoutingEnd, quality: number): RoutingEndJson {
  return {
    model: entry.model,
    run_id: entry.runId,
    quality,
    deployment: entry.deployment ?? null,
    eligible: entry.eligible,
    monthly_cost_usd: money(entry.monthlyCostUsd),
  };
}

export function routingCurvesJson(routing: RoutingCurves | undefined): RoutingCurveJson[] {
  return (routing?.curves ?? []).map((report) => ({
    benchmark: report.benchmark,
    protocol: report.protocol,
    metric: report.metric,
    items: report.curve.items,
    weak: end(report.weak, report.curve.weakQuality),
    strong: end(report.strong, report.curve.strongQuality),
    policies,
    oracle_peak: { quality: report.curve.oraclePeak.quality, share: report.curve.oraclePeak.share },
    points: report.curve.points.map((point) => ({
      share: point.share,
      items_to_strong: point.itemsToStrong,
      random_quality: point.randomQuality,
      oracle_quality_upper_bound: point.oracleQuality,
      monthly_cost_usd: money(point.monthlyCostUsd),
    })),
  }));
}

export interface RecommendJson extends TcoJson {
  recommended: TcoCandidateJson | null;
  ranked: {
    model: string;
    deployment: string;
    provider: string | null;
    monthly_cost_usd: number | null;
    /** Models whose measured quality does not differ significantly from this one's (quality_comparisons). */
    tied_with: { model: string; benchmark: string }[];
  }[];
  pareto: { model: string; deployment: string; provider: string | null }[];
  break_even: {
    self_hosted_model: string;
    versus_model: string;
    versus_provider: string;
    output_tokens_per_month: number | null;
    tokens_per_month: number | null;
  } | null;
  /** Pairwise tests of measured quality between the ranked models; `verdict: 'tied'` when not significant. */
  quality_comparisons: QualityComparisonsJson;
  /** From two `--runs` eval runs of one protocol: quality and cost as a growing share goes to the stronger model. */
  routing_curves: RoutingCurveJson[];
}

/** `parity recommend --json`: the `parity tco` shape plus the pick, the ranking, the Pareto frontier and break-even. */
export function recommendJson(options: {
  workloadName: string;
  workloadFile: string;
  candidates: readonly TcoCandidate[];
  recommendation: Recommendation;
  ties?: QualityTies;
  routing?: RoutingCurves;
}): RecommendJson {
  const { recommendation } = options;
  const brief = (
    candidate: TcoCandidate,
  ): { model: string; deployment: string; provider: string | null } => ({
    model: candidate.model,
    deployment: candidate.deployment,
    provider: candidate.provider ?? null,
  });
  return {
    ...tcoJson(options),
    recommended: recommendation.recommended ? tcoCandidateJson(recommendation.recommended) : null,
    ranked: recommendation.ranked.map((candidate) => ({
      ...brief(candidate),
      monthly_cost_usd: money(candidate.monthlyCostUsd),
      tied_with: tiedWith(options.ties, candidate.model),
    })),
    pareto: recommendation.pareto.map(brief),
    break_even: recommendation.breakEven
      ? {
          self_hosted_model: recommendation.breakEven.selfHosted.model,
          versus_model: recommendation.breakEven.versus.model,
          versus_provider: recommendation.breakEven.versus.provider,
          output_tokens_per_month: recommendation.breakEven.outputTokensPerMonth ?? null,
          tokens_per_month: recommendation.breakEven.tokensPerMonth ?? null,
        }
      : null,
    quality_comparisons: qualityComparisonsJson(options.ties),
    routing_curves: routingCurvesJson(options.routing),
  };
}

/** `parity recommend --json` from the analysis (`analyseRecommendation`). */
export function recommendReportJson(options: {
  workloadName: string;
  workloadFile: string;
  candidates: readonly TcoCandidate[];
  analysis: RecommendationAnalysis;
}): RecommendJson {
  const { analysis, ...rest } = options;
  return recommendJson({ ...rest, ...analysis });
}
