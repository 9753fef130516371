import type { DecidedComparison } from './compare-runs.ts';

function formatNumber(value: number, kind: DecidedComparison['kind'], signed = false): string {
  if (!Number.isFinite(value)) return '—';
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

const testLabels: Record<DecidedComparison['test']['name'], string> = {
  mcnemar_exact: 'exact McNemar (paired)',
  paired_permutation: 'paired sign-flip permutation',
  two_proportion_z_unpaired: 'two-proportion z-test (UNPAIRED)',
};

const verdictLabels: Record<DecidedComparison['verdict'], string> = {
  a_better: 'A better',
  b_better: 'B better',
  no_significant_difference: 'no significant difference',
};

/**
 * One block per comparison: both values with their 95% intervals, the difference A − B with its interval,
 * the test with raw and Holm-adjusted p, and the verdict at `level`. Proportions in percent (points).
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
    const side = (label: string, which: DecidedComparison['a']): string =>
      `  ${label} ${which.model}${which.runId ? ` (${which.runId})` : ''}: ${formatNumber(which.estimate.value, comparison.kind)}  ${formatInterval(which.estimate.ci95, comparison.kind)}  n ${which.estimate.n}`;
    lines.push(side('A', comparison.a), side('B', comparison.b));
    lines.push(
      `  A − B: ${formatNumber(comparison.difference.value, comparison.kind, true)}  95% CI ${formatInterval(comparison.difference.ci95, comparison.kind, true)}`,
    );
    const discordant = comparison.test.discordant
      ? `; discordant: A only ${comparison.test.discordant.aOnly}, B only ${comparison.test.discordant.bOnly}`
      : '';
    lines.push(
      `  ${testLabels[comparison.test.name]}: p = ${formatPValue(comparison.test.pValue)}, Holm-adjusted p = ${formatPValue(comparison.test.pAdjusted)}${discordant}`,
    );
    if (comparison.unpairedItems && (comparison.unpairedItems.a > 0 || comparison.unpairedItems.b > 0)) {
      lines.push(
        `  left out (scored by one run only): A ${comparison.unpairedItems.a}, B ${comparison.unpairedItems.b}`,
      );
    }
    lines.push(`  verdict at level ${options.level}: ${verdictLabels[comparison.verdict]}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}
