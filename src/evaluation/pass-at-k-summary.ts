import type { Estimate, MetricSpec } from '../spec/index.ts';
import {
  countSamples,
  passAtK,
  passAtKEstimate,
  reportableKs,
  type SampleCounts,
} from '../stats/pass-at-k.ts';
import type { ScoreSummary } from './summarize-scores.ts';
import { clusteredMeanEstimate } from '../stats/clustered-mean-estimate.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';

/** One sample's per-item scores. */
export interface ScoredSample {
  readonly itemId: string;
  readonly scores: Readonly<Record<string, number | null>>;
}

/**
 * pass@k for every k up to the fewest scored samples of any problem: per problem the unbiased estimator
 * (docs/code-benchmarks.md, pass@k), then the mean over problems. Problems, not samples, are the independent unit of every
 * 95% interval (docs/decisions/0043-per-run-intervals.md):
 * - pass@1 with one value per problem that is 0 or 1 (one sample each, or samples that all agree): Wilson;
 * - pass@1 otherwise: the cluster-robust interval with the samples of a problem as one cluster (for the mean of
 *   per-problem pass rates this is s/√G over the G problems), method 'clustered';
 * - pass@k, k ≥ 2 (not a mean of sample scores): a seeded percentile bootstrap over problems (10,000
 *   resamples, seed 0 unless `bootstrap` says otherwise), method 'bootstrap-percentile'.
 * Unscored samples (sandbox errors) are left out and counted in `unscored`.
 */
export function passAtKSummary(
  samples: readonly ScoredSample[],
  options: {
    itemScore: string;
    also?: readonly { itemScore: string; prefix: string }[];
    bootstrap?: { resamples?: number; seed?: number };
  },
): { summary: ScoreSummary; metrics: MetricSpec[] } {
  const scores = [{ itemScore: options.itemScore, prefix: '' }, ...(options.also ?? [])];
  const metrics: MetricSpec[] = [];
  const estimates: Record<string, Estimate> = {};
  for (const { itemScore, prefix } of scores) {
    const counts = countSamples(
      samples.map((sample) => ({ itemId: sample.itemId, value: sample.scores[itemScore] })),
    );
    const ks = reportableKs(counts.values());
    const problems = [...counts.values()];
    for (const k of ks.length > 0 ? ks : [1]) {
      const metric: MetricSpec = {
        name: `${prefix}pass@${k}`,
        itemScore,
        aggregate: 'mean',
        kind: 'proportion',
      };
      metrics.push(metric);
      estimates[metric.name] = passAtKFigure(problems, k, options.bootstrap);
    }
  }
  const unscored = samples.filter((sample) => sample.scores[options.itemScore] === null).length;
  return { summary: { metrics: estimates, groups: {}, unscored }, metrics };
}

function passAtKFigure(
  problems: readonly SampleCounts[],
  k: number,
  bootstrap: { resamples?: number; seed?: number } | undefined,
): Estimate {
  if (k >= 2) return passAtKEstimate(problems, { k, ...bootstrap });
  const values = problems.map((count) => passAtK({ n: count.n, correct: count.correct, k }));
  const binary = values.every((value) => value === 0 || value === 1);
  if (binary || values.length < 2) return meanEstimate(values, { kind: 'proportion' });
  // The cluster-robust SE with a problem's samples as one cluster, for the mean of per-problem pass rates:
  // one value per problem, each its own cluster (equal to clustering the samples when problems are balanced).
  const clustered = clusteredMeanEstimate(values);
  return {
    value: clustered.value,
    ci95: [Math.max(0, clustered.ci95[0]), Math.min(1, clustered.ci95[1])],
    n: values.length,
    method: 'clustered',
    clusters: clustered.clusters,
  };
}

/** How the samples were drawn, as printed beside pass@k (greedy and sampled results are not comparable). */
export interface SamplingInfo {
  readonly samplesPerItem: number;
  /** Undefined when unknown (`parity score` of samples made elsewhere). */
  readonly temperature?: number;
}

export function samplingLabel(info: SamplingInfo): string {
  if (info.temperature === undefined) return `${info.samplesPerItem} sample(s)/item`;
  if (info.temperature === 0)
    return info.samplesPerItem === 1 ? 'greedy' : `greedy, n=${info.samplesPerItem}`;
  return `sampled T=${info.temperature}, n=${info.samplesPerItem}`;
}

export function samplingJson(info: SamplingInfo): {
  mode: 'greedy' | 'sampled' | 'unknown';
  samples_per_item: number;
  temperature: number | null;
} {
  return {
    mode: info.temperature === undefined ? 'unknown' : info.temperature === 0 ? 'greedy' : 'sampled',
    samples_per_item: info.samplesPerItem,
    temperature: info.temperature ?? null,
  };
}
