import { seededRandom } from './seeded-random.ts';

export interface BootstrapResult {
  /** The statistic on the original units. */
  readonly value: number;
  /** Percentile interval at `level`. */
  readonly ci: readonly [number, number];
  readonly resamples: number;
}

/** Percentile of sorted values with linear interpolation between order statistics (numpy's default). */
export function percentileOfSorted(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lowValue = sorted[below] ?? Number.NaN;
  const highValue = sorted[above] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (position - below);
}

/**
 * Seeded nonparametric bootstrap, percentile interval (Efron & Tibshirani 1993, §13.3), for statistics that
 * are not plain means (pass@k, ratios, medians). Each resample draws `units.length` units with replacement,
 * unit index = `seededRandom(seed).nextInt(n)` in order; defaults: 10,000 resamples, seed 0, level 0.95.
 * Resample units that are independent (problems, not samples of one problem).
 */
export function bootstrapInterval<TUnit>(options: {
  units: readonly TUnit[];
  statistic: (sample: readonly TUnit[]) => number;
  resamples?: number;
  seed?: number;
  level?: number;
}): BootstrapResult {
  const { units, statistic } = options;
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 0);
  // Stryker disable next-line ArrayDeclaration: preallocation only; the loop fills every index either way
  const values = new Array<number>(resamples);
  // Stryker disable next-line ArrayDeclaration: preallocation only; the loop fills every index either way
  const sample = new Array<TUnit>(units.length);
  for (let resample = 0; resample < resamples; resample += 1) {
    for (let index = 0; index < units.length; index += 1) {
      sample[index] = units[random.nextInt(units.length)] as TUnit;
    }
    values[resample] = statistic(sample);
  }
  values.sort((x, y) => x - y);
  return {
    value: statistic(units),
    ci: [percentileOfSorted(values, (1 - level) / 2), percentileOfSorted(values, 1 - (1 - level) / 2)],
    resamples,
  };
}
