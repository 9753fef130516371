/** A run-level figure with its 95% interval and the number of scored units behind it. */
export interface Estimate {
  readonly value: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  /** How the interval was computed, e.g. 'wilson', 'normal-group-mean'. */
  readonly method: string;
}
