import type { DecidedComparison } from '../../../analysis/decide-comparisons.ts';
import { InputError } from '../../../spec/index.ts';

/** `compare --fail-unless-equivalent` needs a margin to decide equivalence against. */
export function assertEquivalenceGateHasMargin(flags: {
  readonly failUnlessEquivalent?: boolean;
  readonly margin?: string;
  readonly marginRelative?: string;
}): void {
  if (flags.failUnlessEquivalent && flags.margin === undefined && flags.marginRelative === undefined) {
    throw new InputError('needs --margin (or --margin-relative): equivalence is within a margin', {
      location: '--fail-unless-equivalent',
    });
  }
}

/**
 * One line per comparison the gate fails: its margin verdict is not `equivalent` (or `not_worse` with
 * --non-inferiority) — different and inconclusive both fail, since CI must not pass on too few items.
 */
export function failedEquivalence(decided: readonly DecidedComparison[]): string[] {
  return decided
    .filter((comparison) => !['equivalent', 'not_worse'].includes(comparison.margin?.verdict ?? 'none'))
    .map(
      (comparison) =>
        `gate failed: --fail-unless-equivalent: ${comparison.benchmark ?? 'published'} ${comparison.metric}, ${comparison.a.runId ?? comparison.a.model} vs ${comparison.b.runId ?? comparison.b.model}: ${comparison.margin?.verdict ?? 'no margin decision'}${comparison.margin ? ` within ±${comparison.margin.margin}` : ''}`,
    );
}
