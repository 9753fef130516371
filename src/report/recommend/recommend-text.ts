import { formatUsd } from '../format-tco-table.ts';
import type { QualityComparison, QualityTies } from '../../analysis/recommend/quality-ties.ts';
import type { RoutingCurves } from '../../analysis/recommend/routing-curves.ts';

const testLabels: Record<QualityComparison['test']['name'], string> = {
  mcnemar_exact: 'exact McNemar (paired',
  paired_t: 'paired t (paired',
  stratified_z: 'stratified z (paired',
  clustered_z: 'cluster-robust z (paired',
  two_proportion_wald_unpaired: 'two-proportion Wald z (unpaired',
  two_proportion_z_unpaired: 'two-proportion z (unpaired',
  interval_z_unpaired: 'z on the intervals (unpaired',
};

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;

function pValue(value: number): string {
  return value >= 0.001 ? value.toFixed(3) : value.toExponential(1);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One line per pairwise test of measured quality, with its verdict (`tied` or which model is better). */
export function formatQualityComparisons(ties: QualityTies): string {
  if (ties.comparisons.length === 0 && ties.notTested.length === 0) return '';
  const lines: string[] = [];
  if (ties.comparisons.length > 0) {
    lines.push(
      `Measured quality, pairwise (A ranked before B; Holm-adjusted across ${ties.comparisons.length} comparison${ties.comparisons.length === 1 ? '' : 's'}, level ${ties.level}):`,
    );
    for (const comparison of ties.comparisons) {
      const { a, b } = comparison;
      const items = comparison.paired ? `, ${comparison.nPaired} items)` : ')';
      const verdict =
        comparison.verdict === 'tied'
          ? 'TIED (difference not significant)'
          : `${comparison.verdict === 'a_better' ? a.model : b.model} better`;
      lines.push(
        `  ${comparison.benchmark}: ${a.model} ${a.value.toFixed(3)} vs ${b.model} ${b.value.toFixed(3)}: A − B ${signed(comparison.difference.value)} [${signed(comparison.difference.ci95[0])}, ${signed(comparison.difference.ci95[1])}], ${testLabels[comparison.test.name]}${items} p = ${pValue(comparison.test.pValue)}, adjusted ${pValue(comparison.test.pAdjusted)} → ${verdict}`,
      );
    }
  }
  if (ties.notTested.length > 0) {
    const listed = ties.notTested.map((entry) => `${entry.model} (${entry.benchmark})`).join(', ');
    lines.push(
      `Published catalog figures are not tested (other harnesses, unknown items), so never tied or different: ${listed}.`,
    );
  }
  return lines.join('\n');
}

/** Each routing curve as a table: share to the strong model, quality under random and oracle routing, cost. */
export function formatRoutingCurves(routing: RoutingCurves): string {
  const blocks: string[] = [];
  for (const report of routing.curves) {
    const { curve, weak, strong } = report;
    const end = (label: string, entry: typeof weak, quality: number): string =>
      `  ${label}: ${entry.model} (run ${entry.runId}) ${quality.toFixed(3)}${entry.deployment ? `, ${entry.deployment} ${formatUsd(entry.monthlyCostUsd)}/month${entry.eligible ? '' : ' (not eligible)'}` : ', no cost known'}`;
    const rows = curve.points.map((point) => [
      `${Math.round(point.share * 100)}%`,
      `${point.itemsToStrong}`,
      point.randomQuality.toFixed(3),
      point.oracleQuality.toFixed(3),
      formatUsd(point.monthlyCostUsd),
    ]);
    blocks.push(
      [
        `Routing curve: ${report.benchmark} (${report.protocol} ${report.metric}), ${curve.items} items both runs scored`,
        end('weak  ', weak, curve.weakQuality),
        end('strong', strong, curve.strongQuality),
        table([
          ['to strong', 'items', 'quality (random)', 'quality (oracle, upper bound)', '$/month'],
          ...rows,
        ]),
        '  random: each request goes to the strong model with that probability — expected quality is the linear mix.',
        `  oracle: sends the items the weak model gets wrong (and the strong one right) first — an upper bound no real router reaches; it peaks at ${curve.oraclePeak.quality.toFixed(3)} with ${Math.round(curve.oraclePeak.share * 1000) / 10}% to strong.`,
        '  $/month: each model serves its share of the workload (APIs per token; self-hosting in whole replicas, operations kept while it serves any).',
      ].join('\n'),
    );
  }
  for (const reason of routing.skipped) blocks.push(`No routing curve: ${reason}.`);
  return blocks.join('\n\n');
}
