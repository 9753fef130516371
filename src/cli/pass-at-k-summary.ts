import type { Estimate, MetricSpec } from '../spec/index.ts';
import { countSamples, passAtK, reportableKs } from '../scoring/pass-at-k.ts';
import type { ScoreSummary } from '../report/summarize-scores.ts';
import { meanEstimate } from '../stats/mean-estimate.ts';

/** One sample's per-item scores. */
export interface ScoredSample {
  readonly itemId: string;
  readonly scores: Readonly<Record<string, number | null>>;
}

/**
 * pass@k for every k up to the fewest scored samples of any problem: per problem the unbiased estimator
 * (REFERENCE.md §3.4), then the mean over problems. Problems, not samples, are the unit of the 95% interval:
 * Wilson when every per-problem value is 0 or 1 (one sample each), otherwise the normal interval over problems.
 * Unscored samples (sandbox errors) are left out and counted in `unscored`.
 */
export function passAtKSummary(
  samples: readonly ScoredSample[],
  options: { itemScore: string },
): { summary: ScoreSummary; metrics: MetricSpec[] } {
  const counts = countSamples(
    samples.map((sample) => ({ itemId: sample.itemId, value: sample.scores[options.itemScore] })),
  );
  const unscored = samples.filter((sample) => sample.scores[options.itemScore] === null).length;
  const ks = reportableKs(counts.values());
  const metrics: MetricSpec[] = (ks.length > 0 ? ks : [1]).map((k) => ({
    name: `pass@${k}`,
    itemScore: options.itemScore,
    aggregate: 'mean',
    kind: 'proportion',
  }));
  const estimates: Record<string, Estimate> = {};
  for (const metric of metrics) {
    const k = Number(metric.name.slice('pass@'.length));
    const values = [...counts.values()]
      .filter((count) => count.n >= k)
      .map((count) => passAtK({ n: count.n, correct: count.correct, k }));
    const binary = values.every((value) => value === 0 || value === 1);
    estimates[metric.name] = meanEstimate(values, { kind: binary ? 'proportion' : 'graded' });
  }
  return { summary: { metrics: estimates, groups: {}, unscored }, metrics };
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
