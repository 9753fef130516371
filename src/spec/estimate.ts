/** A run-level figure with its 95% interval and the number of scored units behind it. */
export interface Estimate {
  readonly value: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  /** How the interval was computed, e.g. 'wilson', 'normal', 'normal-group-mean', 'clustered', 'bootstrap-percentile'. */
  readonly method: string;
  /** Clustered intervals ('clustered'): the number of independent clusters behind the interval. */
  readonly clusters?: number;
  /** Bootstrap intervals: resamples drawn and the seed of the generator. */
  readonly resamples?: number;
  readonly seed?: number;
}
