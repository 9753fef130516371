/** What one judgment said about the two answers in the order shown: the first, the second, or a tie. */
export type PositionVerdict = 'first' | 'second' | 'tie';

/**
 * Reads a pairwise judgment as FastChat does (common.py `run_judge_pair`, output format "[[A]]"): "[[A]]"
 * anywhere means the first answer, else "[[B]]" the second, else "[[C]]" a tie; none of them (a refusal, a
 * rating in another format) is null — an error, counted apart, never a tie.
 */
export function parsePairwiseVerdict(judgment: string): PositionVerdict | null {
  if (judgment.includes('[[A]]')) return 'first';
  if (judgment.includes('[[B]]')) return 'second';
  if (judgment.includes('[[C]]')) return 'tie';
  return null;
}
