import { createConfidenceSequence } from './confidence-sequence.ts';
import { seededRandom } from './seeded-random.ts';

export interface SequentialSimulationResult {
  readonly comparisons: number;
  /** Comparisons whose confidence sequence excluded 0 in the wrong direction (or at all, when gap = 0). */
  readonly wrongDecisions: number;
  /** Comparisons decided in the right direction. */
  readonly rightDecisions: number;
  /** Mean items drawn per comparison (the whole plan when undecided). */
  readonly meanItems: number;
}

/**
 * Simulates `comparisons` sequential paired comparisons of 0/1 scores with the confidence sequence of
 * `createConfidenceSequence`: each item is discordant with probability `discordance`, in A's favour with
 * probability (ψ + gap)/2 and B's with (ψ − gap)/2; a comparison stops when decided or after `plannedItems`.
 * Seeded, so the figures are reproducible.
 */
export function simulateSequentialComparisons(options: {
  comparisons: number;
  plannedItems: number;
  gap: number;
  discordance: number;
  alpha?: number;
  seed?: number;
}): SequentialSimulationResult {
  const random = seededRandom(options.seed ?? 0);
  const aWins = (options.discordance + options.gap) / 2;
  const discordant = options.discordance;
  let wrongDecisions = 0;
  let rightDecisions = 0;
  let totalItems = 0;
  for (let comparison = 0; comparison < options.comparisons; comparison += 1) {
    const sequence = createConfidenceSequence({
      alpha: options.alpha ?? 0.05,
      plannedItems: options.plannedItems,
    });
    let items = 0;
    let verdict = sequence.state().verdict;
    while (items < options.plannedItems && verdict === 'undecided') {
      const draw = random.nextFloat();
      verdict = sequence.observe(draw < aWins ? 1 : draw < discordant ? -1 : 0).verdict;
      items += 1;
    }
    totalItems += items;
    if (verdict === 'undecided') continue;
    const right = options.gap > 0 ? 'a_better' : options.gap < 0 ? 'b_better' : undefined;
    if (verdict === right) rightDecisions += 1;
    else wrongDecisions += 1;
  }
  return {
    comparisons: options.comparisons,
    wrongDecisions,
    rightDecisions,
    meanItems: totalItems / options.comparisons,
  };
}
