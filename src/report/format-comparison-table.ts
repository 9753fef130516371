import type { DecidedComparison, MarginDecision, VerdictInterval } from '../analysis/decide-comparisons.ts';

function formatNumber(value: number, kind: DecidedComparison['kind'], signed = false): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : value < 0 ? '−∞' : '—';
  const text = kind === 'proportion' ? (value * 100).toFixed(2) : value.toFixed(3);
  return signed && value > 0 ? `+${text}` : text;
}

function formatInterval(
  interval: readonly [number, number],
  kind: DecidedComparison['kind'],
  signed = false,
): string {
  return `[${formatNumber(interval[0], kind, signed)}, ${formatNumber(interval[1], kind, signed)}]`;
}

/** p-values as 0.0123, 1.2e-5, or "< 1e-300" when they underflow. */
export function formatPValue(pValue: number): string {
  if (pValue === 0) return '< 1e-300';
  if (pValue >= 0.001) return pValue.toFixed(4);
  return pValue.toExponential(1);
}

/** A coverage such as 0.95 as "95%", 0.98333 as "98.3%". */
function formatLevel(level: number): string {
  const percent = level * 100;
  return `${Number.isInteger(Math.round(percent * 10) / 10) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

const testLabels: Record<DecidedComparison['test']['name'], string> = {
  mcnemar_exact: 'exact McNemar (paired)',
  paired_t: 'paired t-test',
  stratified_z: 'z-test on the stratified (per-group) standard error (paired)',
  clustered_z: 'z-test on the cluster-robust standard error (paired, clustered by group)',
  two_proportion_wald_unpaired: 'two-proportion Wald z-test (UNPAIRED)',
};

/** What each interval is, named after the test it inverts. */
export const intervalLabels: Record<string, string> = {
  mcnemar_exact: 'exact: Clopper–Pearson on the discordant items × their share',
  paired_t: 't interval',
  stratified_z: 'normal, stratified',
  clustered_z: 'normal, cluster-robust',
  two_proportion_wald_unpaired: 'Wald, unpaired',
  tango_score: 'Tango score interval',
};

const verdictLabels: Record<DecidedComparison['verdict'], string> = {
  a_better: 'A better',
  b_better: 'B better',
  no_significant_difference: 'no significant difference',
};

function formatMarginValue(decision: MarginDecision, kind: DecidedComparison['kind']): string {
  const value =
    kind === 'proportion' ? `${(decision.margin * 100).toFixed(2)} points` : decision.margin.toFixed(3);
  return decision.relative === null ? value : `${value} (${(decision.relative * 100).toFixed(3)}% of A)`;
}

/** The headline of one comparison with a margin, e.g. "equivalent within ±1.00 points". */
export function formatMarginVerdict(
  decision: MarginDecision,
  kind: DecidedComparison['kind'],
  options: { items?: number; unpaired?: boolean } = {},
): string {
  const { items, unpaired } = options;
  const margin = formatMarginValue(decision, kind);
  switch (decision.verdict) {
    case 'equivalent':
      return `equivalent within ±${margin}`;
    case 'not_worse':
      return `B not worse than A by more than ${margin}`;
    case 'different':
      return `different: ${decision.better === 'a' ? 'A' : 'B'} better (margin ${decision.mode === 'equivalence' ? '±' : ''}${margin})`;
    case 'inconclusive': {
      const more =
        decision.itemsNeeded === null
          ? ''
          : ` — about ${decision.itemsNeeded} items${items === undefined ? '' : ` (${Math.max(0, decision.itemsNeeded - items)} more)`}${unpaired ? ' per side' : ''} would likely decide it, if the observed difference and spread held`;
      return `inconclusive at ${decision.mode === 'equivalence' ? '±' : ''}${margin}${more}`;
    }
  }
}

function intervalLine(label: string, interval: VerdictInterval, comparison: DecidedComparison): string {
  const clipped = interval.clipped
    ? `; clipped to ${comparison.kind === 'proportion' ? '±100 pts' : 'the possible range'}`
    : '';
  return `${label} ${formatLevel(interval.level)} CI ${formatInterval(interval.bounds, comparison.kind, true)} (${intervalLabels[interval.method] ?? interval.method}${clipped})`;
}

/**
 * One block per comparison, headed by its verdict: both values with their 95% intervals, the difference
 * A − B with the interval of the test's own method (at its Holm level, so it agrees with the verdict), the
 * test with raw and Holm-adjusted p, and with a margin the margin test with its (1 − 2α) interval.
 * Proportions in percent (points).
 */
export function formatComparisonTable(
  comparisons: readonly DecidedComparison[],
  options: { level: number },
): string {
  const blocks = comparisons.map((comparison) => {
    const unit = comparison.kind === 'proportion' ? ' %' : '';
    const title = [comparison.benchmark, comparison.protocol, comparison.metric].filter(Boolean).join('  ');
    const lines = [
      `${title}${unit}${comparison.paired ? `  (${comparison.nPaired} paired items)` : '  (unpaired)'}`,
    ];
    const headline = comparison.margin
      ? formatMarginVerdict(comparison.margin, comparison.kind, {
          items: comparison.items,
          unpaired: !comparison.paired,
        })
      : verdictLabels[comparison.verdict];
    lines.push(`  verdict at level ${options.level}: ${headline}`);
    const side = (label: string, which: DecidedComparison['a']): string =>
      `  ${label} ${which.model}${which.runId ? ` (${which.runId})` : ''}: ${formatNumber(which.estimate.value, comparison.kind)}  ${formatInterval(which.estimate.ci95, comparison.kind)}  n ${which.estimate.n}`;
    lines.push(side('A', comparison.a), side('B', comparison.b));
    lines.push(
      `  A − B: ${formatNumber(comparison.difference.value, comparison.kind, true)}${comparison.kind === 'proportion' ? ' pts' : ''}  ${intervalLine('', comparison.verdictInterval, comparison).trim()}`,
    );
    const discordant = comparison.test.discordant
      ? `; discordant: A only ${comparison.test.discordant.aOnly}, B only ${comparison.test.discordant.bOnly}`
      : '';
    lines.push(
      `  ${testLabels[comparison.test.name]}: p = ${formatPValue(comparison.test.pValue)}, Holm-adjusted p = ${formatPValue(comparison.test.pAdjusted)} → ${verdictLabels[comparison.verdict]}${discordant}`,
    );
    if (comparison.margin) {
      const decision = comparison.margin;
      const question =
        decision.mode === 'equivalence'
          ? `equivalence within ±${formatMarginValue(decision, comparison.kind)} (two one-sided tests)`
          : `non-inferiority of B by ${formatMarginValue(decision, comparison.kind)} (one-sided test)`;
      lines.push(
        `  ${question}: p = ${formatPValue(decision.test.pValue)}, Holm-adjusted p = ${formatPValue(decision.test.pAdjusted)};${intervalLine('', decision.interval, comparison)}`,
      );
    }
    if (comparison.unpairedItems && (comparison.unpairedItems.a > 0 || comparison.unpairedItems.b > 0)) {
      lines.push(
        `  left out (scored by one run only): A ${comparison.unpairedItems.a}, B ${comparison.unpairedItems.b}`,
      );
    }
    if (comparison.mismatchedItems > 0) {
      lines.push(
        `  left out (same id, different content; --allow-mismatched-items): ${comparison.mismatchedItems}`,
      );
    } else if (comparison.paired && !comparison.fingerprintsChecked) {
      lines.push(
        '  note: a run has no item fingerprints (stored before they were recorded): paired by id only',
      );
    }
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}

/** With a margin and several comparisons: whether every one was shown equivalent (or not worse). */
export function formatMarginSummary(comparisons: readonly DecidedComparison[]): string | undefined {
  const decided = comparisons.flatMap((comparison) => (comparison.margin ? [comparison] : []));
  if (decided.length < 2) return undefined;
  const goal = decided[0]?.margin?.mode === 'non_inferiority' ? 'not_worse' : 'equivalent';
  const word = goal === 'not_worse' ? 'not worse' : 'equivalent';
  const shown = decided.filter((comparison) => comparison.margin?.verdict === goal);
  if (shown.length === decided.length) {
    return `${word} on all ${decided.length} comparisons (each at its Holm level, so the claim "on all" holds at the family's level)`;
  }
  const others = decided
    .filter((comparison) => comparison.margin?.verdict !== goal)
    .map((comparison) => `${comparison.benchmark ?? comparison.metric}: ${comparison.margin?.verdict ?? ''}`);
  return `not shown ${word} on all: ${shown.length} of ${decided.length} ${word}; ${others.join(', ')}`;
}
