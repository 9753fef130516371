import type { Item, ItemRecord, MetricSpec, StoredRun } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { createConfidenceSequence, type ConfidenceSequenceState } from '../stats/confidence-sequence.ts';
import { seededShuffle } from '../stats/seeded-shuffle.ts';

/** Watches a run's records and says when the comparison with the reference run is decided. */
export interface SequentialMonitor {
  readonly referenceRunId: string;
  readonly alpha: number;
  /** Seed of the plan's random order (recorded in the run's config). */
  readonly seed: number;
  /** Equivalence margin (fraction) at which it also stops, when given. */
  readonly margin: number | undefined;
  /** Items in the plan: the reference run's scored items, in a seeded random order. */
  readonly plannedItems: number;
  /** Takes one stored record of the new run; true once the comparison is decided. */
  observe(record: ItemRecord): boolean;
  state(): ConfidenceSequenceState;
}

/**
 * Plans the items the reference run scored in a seeded random order (`seededShuffle` of them sorted by id,
 * so the plan depends only on the set and the seed, not on the order the reference stored them in) and
 * builds the monitor for `parity eval --stop-when-decided --vs <run>`. A random order makes every prefix a
 * random sample of the plan: in the reference's own order (round-robin by subject, or file order) subjects
 * where one model is stronger come in runs and the sequence crowns a wrong winner (docs/statistics.md). The
 * confidence sequence (`createConfidenceSequence`, tuned to the plan's size) is fed the paired differences
 * new − reference in plan order, over the longest prefix of the plan whose items have all completed — so the
 * order of observations never depends on which response came back first. Errored or unscored items count as
 * missing pairs. With `margin`, it also stops once the sequence lies inside ±margin (equivalent).
 */
export function createSequentialMonitor(options: {
  reference: StoredRun;
  items: readonly Item[];
  metric: MetricSpec;
  alpha: number;
  seed: number;
  margin?: number;
}): { monitor: SequentialMonitor; items: Item[] } {
  const { reference, metric } = options;
  if (metric.kind !== 'proportion') {
    throw new InputError(`--stop-when-decided needs scores in [0, 1]; ${metric.name} is a graded score`, {
      location: '--stop-when-decided',
    });
  }
  const referenceValues = new Map<string, number>();
  for (const record of reference.items) {
    const value = record.status === 'ok' ? record.scores[metric.itemScore] : undefined;
    if (value === null || value === undefined || referenceValues.has(record.itemId)) continue;
    referenceValues.set(record.itemId, value);
  }
  const itemsById = new Map(options.items.map((item) => [item.id, item]));
  const scored = [...referenceValues.keys()]
    .sort()
    .map((id) => itemsById.get(id))
    .filter((item): item is Item => item !== undefined);
  const ordered = seededShuffle(scored, options.seed);
  if (ordered.length === 0) {
    throw new InputError(`run ${reference.runId} has no scored item among this run's items`, {
      location: '--vs',
    });
  }
  const sequence = createConfidenceSequence({
    alpha: options.alpha,
    plannedItems: ordered.length,
    ...(options.margin === undefined ? {} : { margin: options.margin }),
  });
  const arrived = new Map<string, number | null>();
  let next = 0;
  let decided = false;
  const monitor: SequentialMonitor = {
    referenceRunId: reference.runId,
    alpha: options.alpha,
    seed: options.seed,
    margin: options.margin,
    plannedItems: ordered.length,
    observe(record: ItemRecord): boolean {
      const value = record.status === 'ok' ? record.scores[metric.itemScore] : undefined;
      arrived.set(record.itemId, value ?? null);
      while (!decided && next < ordered.length) {
        const id = ordered[next]?.id ?? '';
        if (!arrived.has(id)) break;
        const mine = arrived.get(id);
        const theirs = referenceValues.get(id);
        if (mine !== null && mine !== undefined && theirs !== undefined) {
          decided = sequence.observe(mine - theirs).verdict !== 'undecided';
        }
        next += 1;
      }
      return decided;
    },
    state: () => sequence.state(),
  };
  return { monitor, items: ordered };
}
