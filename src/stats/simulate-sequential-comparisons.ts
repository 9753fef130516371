import { createConfidenceSequence } from './confidence-sequence.ts';
import { seededRandom } from './seeded-random.ts';
import { seededShuffle } from './seeded-shuffle.ts';

export interface SequentialSimulationResult {
  readonly comparisons: number;
  /** Comparisons that crowned a winner against the true gap (any winner when the true gap is 0). */
  readonly wrongDecisions: number;
  /** Comparisons decided for the right winner. */
  readonly rightDecisions: number;
  /** Comparisons that stopped on equivalence (with a margin). */
  readonly equivalentDecisions: number;
  /** Mean items drawn per comparison (the whole plan when undecided). */
  readonly meanItems: number;
}

/** One subject (stratum) of a heterogeneous population: its items and how often each model alone is right. */
export interface SimulatedSubject {
  readonly items: number;
  /** P(A right, B wrong) on an item of this subject. */
  readonly aOnly: number;
  /** P(B right, A wrong). */
  readonly bOnly: number;
}

/**
 * The order items reach the sequence: `random` is what `parity eval --stop-when-decided` does (a seeded
 * shuffle), `round-robin` one item of each subject in turn (how eval runs store MMLU), `by-subject` every item
 * of one subject before the next (file order of imported runs).
 */
export type SimulatedOrder = 'random' | 'round-robin' | 'by-subject';

function arrange(outcomes: number[][], order: SimulatedOrder, seed: number): number[] {
  if (order === 'by-subject') return outcomes.flat();
  if (order === 'random') return seededShuffle(outcomes.flat(), seed);
  const arranged: number[] = [];
  const longest = Math.max(...outcomes.map((list) => list.length));
  for (let index = 0; index < longest; index += 1) {
    for (const list of outcomes) if (index < list.length) arranged.push(list[index] ?? 0);
  }
  return arranged;
}

/**
 * Simulates `comparisons` sequential paired comparisons of 0/1 scores with the confidence sequence of
 * `createConfidenceSequence`, stopping when decided or at the end of the plan. Seeded, so reproducible.
 *
 * Homogeneous: `plannedItems` items, each discordant with probability `discordance`, in A's favour with
 * probability (ψ + gap)/2. Heterogeneous (`subjects`): each subject's items drawn with its own aOnly/bOnly
 * rates (subjects can favour A or B while the overall gap is 0, as GPT-4 and Mixtral do on MMLU), then put
 * in `order` — `random` by default, the order `parity eval --stop-when-decided` uses. The true gap is the
 * item-weighted mean of aOnly − bOnly over the subjects.
 */
export function simulateSequentialComparisons(options: {
  comparisons: number;
  plannedItems?: number;
  gap?: number;
  discordance?: number;
  subjects?: readonly SimulatedSubject[];
  order?: SimulatedOrder;
  alpha?: number;
  margin?: number;
  seed?: number;
}): SequentialSimulationResult {
  const random = seededRandom(options.seed ?? 0);
  const subjects: readonly SimulatedSubject[] = options.subjects ?? [
    {
      items: options.plannedItems ?? 0,
      aOnly: ((options.discordance ?? 0) + (options.gap ?? 0)) / 2,
      bOnly: ((options.discordance ?? 0) - (options.gap ?? 0)) / 2,
    },
  ];
  const plannedItems = subjects.reduce((sum, subject) => sum + subject.items, 0);
  const gap =
    subjects.reduce((sum, subject) => sum + subject.items * (subject.aOnly - subject.bOnly), 0) /
    Math.max(1, plannedItems);
  const right = Math.abs(gap) < 1e-12 ? undefined : gap > 0 ? 'a_better' : 'b_better';
  let wrongDecisions = 0;
  let rightDecisions = 0;
  let equivalentDecisions = 0;
  let totalItems = 0;
  for (let comparison = 0; comparison < options.comparisons; comparison += 1) {
    const draw = (subject: SimulatedSubject): number => {
      const value = random.nextFloat();
      return value < subject.aOnly ? 1 : value < subject.aOnly + subject.bOnly ? -1 : 0;
    };
    // One subject: items are iid in any order, so they are drawn as they are needed.
    const only = subjects.length === 1 ? subjects[0] : undefined;
    const sequence = only
      ? undefined
      : arrange(
          subjects.map((subject) => Array.from({ length: subject.items }, () => draw(subject))),
          options.order ?? 'random',
          random.nextInt(2 ** 31),
        );
    const confidence = createConfidenceSequence({
      alpha: options.alpha ?? 0.05,
      plannedItems,
      ...(options.margin === undefined ? {} : { margin: options.margin }),
    });
    let items = 0;
    let verdict = confidence.state().verdict;
    while (items < plannedItems && verdict === 'undecided') {
      verdict = confidence.observe(only ? draw(only) : (sequence?.[items] ?? 0)).verdict;
      items += 1;
    }
    totalItems += items;
    if (verdict === 'undecided') continue;
    if (verdict === 'equivalent') equivalentDecisions += 1;
    else if (verdict === right) rightDecisions += 1;
    else wrongDecisions += 1;
  }
  return {
    comparisons: options.comparisons,
    wrongDecisions,
    rightDecisions,
    equivalentDecisions,
    meanItems: totalItems / options.comparisons,
  };
}

/**
 * A null of the kind the issue measured: `subjects` subjects of `itemsPerSubject` items with discordance ψ
 * each, the first half favouring A by `subjectGap`, the second half B (so the overall gap is exactly 0 with
 * an even count) — as when the subjects a model is better at sort together, in file order.
 */
export function heterogeneousNull(options: {
  subjects: number;
  itemsPerSubject: number;
  discordance: number;
  subjectGap: number;
}): SimulatedSubject[] {
  return Array.from({ length: options.subjects }, (_, index) => {
    const sign = index < options.subjects / 2 ? 1 : -1;
    return {
      items: options.itemsPerSubject,
      aOnly: (options.discordance + sign * options.subjectGap) / 2,
      bOnly: (options.discordance - sign * options.subjectGap) / 2,
    };
  });
}
