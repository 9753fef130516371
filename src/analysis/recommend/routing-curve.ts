/** One item both models were scored on: the weak (cheaper) and the strong model's score (0/1 or graded). */
export interface RoutingItem {
  readonly weak: number;
  readonly strong: number;
  /** The item's weight in the metric (micro mean: 1/n, the default; macro: 1/(groups × group size)). */
  readonly weight?: number;
}

export interface RoutingPoint {
  /** Share of requests sent to the strong model (0, 0.1, …, 1). */
  readonly share: number;
  /** Items the oracle sends to the strong model at this share: round(share × n). */
  readonly itemsToStrong: number;
  /** Random routing: each request goes to the strong model with probability `share` — the expected quality is the linear mix. */
  readonly randomQuality: number;
  /** Oracle routing (upper bound): the `itemsToStrong` items where the strong model gains most over the weak one. */
  readonly oracleQuality: number;
  /** Monthly cost of the split, when both models' costs are given. */
  readonly monthlyCostUsd?: number;
}

export interface RoutingCurve {
  readonly items: number;
  readonly weakQuality: number;
  readonly strongQuality: number;
  /** Best oracle quality and the smallest share reaching it (route only what the weak model gets wrong). */
  readonly oraclePeak: { readonly quality: number; readonly share: number };
  readonly points: readonly RoutingPoint[];
}

/**
 * The quality and cost of sending a growing share of requests to the stronger of two models, from their
 * per-item results on the same items. Two routing policies:
 * - random: a request goes to the strong model with probability s, so the expected quality is
 *   (1 − s)·q_weak + s·q_strong (the linear mix) — what a router with no signal achieves;
 * - oracle (an upper bound no real router reaches): the round(s·n) items with the largest weighted gain
 *   w_i·(strong_i − weak_i) go to the strong model — first the items the weak model gets wrong and the strong
 *   one right — so quality = q_weak + Σ of the k largest gains.
 * Cost at share s = weakMonthlyUsd(1 − s) + strongMonthlyUsd(s): each model's monthly cost at that share of
 * the workload (linear for APIs; whole replicas for self-hosting, see `monthlyUsdAtShare`).
 */
export function routingCurve(options: {
  items: readonly RoutingItem[];
  /** Points after 0%: 10 gives 0%, 10%, …, 100%. */
  steps?: number;
  weakMonthlyUsd?: (share: number) => number;
  strongMonthlyUsd?: (share: number) => number;
}): RoutingCurve {
  const { items } = options;
  const n = items.length;
  const steps = options.steps ?? 10;
  const weight = (item: RoutingItem): number => item.weight ?? 1 / n;
  const weakQuality = items.reduce((sum, item) => sum + weight(item) * item.weak, 0);
  const strongQuality = items.reduce((sum, item) => sum + weight(item) * item.strong, 0);
  const gains = items.map((item) => weight(item) * (item.strong - item.weak)).sort((x, y) => y - x);
  // oracle[k] = quality when the k items of largest gain go to the strong model.
  const oracle = [weakQuality];
  for (const gain of gains) oracle.push((oracle[oracle.length - 1] ?? 0) + gain);
  const positive = gains.filter((gain) => gain > 0).length;
  const { weakMonthlyUsd, strongMonthlyUsd } = options;
  const points: RoutingPoint[] = [];
  for (let step = 0; step <= steps; step += 1) {
    const share = step / steps;
    const itemsToStrong = Math.round(share * n);
    points.push({
      share,
      itemsToStrong,
      randomQuality: (1 - share) * weakQuality + share * strongQuality,
      oracleQuality: oracle[itemsToStrong] ?? strongQuality,
      ...(weakMonthlyUsd && strongMonthlyUsd
        ? { monthlyCostUsd: weakMonthlyUsd(1 - share) + strongMonthlyUsd(share) }
        : {}),
    });
  }
  return {
    items: n,
    weakQuality,
    strongQuality,
    oraclePeak: { quality: oracle[positive] ?? weakQuality, share: n === 0 ? 0 : positive / n },
    points,
  };
}
