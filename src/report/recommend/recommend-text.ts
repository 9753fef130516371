import type { Recommendation } from '../../analysis/recommend/recommend.ts';
import type { RecommendationAnalysis } from '../../analysis/recommend/recommendation.ts';
import { setupLabel } from '../../cost/self-hosting-plan.ts';
import {
  formatDeployment,
  formatQuality,
  formatThroughput,
  formatTokens,
  formatUsd,
  percent,
  priceBasis,
  sourceNotes,
  table,
} from '../format-tco-table.ts';
import { tiedWith, type QualityComparison, type QualityTies } from '../../analysis/recommend/quality-ties.ts';
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
        `  ${comparison.benchmark}: ${a.model} ${a.value.toFixed(3)} vs ${b.model} ${b.value.toFixed(3)}: A − B ${signed(comparison.difference.value)} [${signed(comparison.difference.ci95[0])}, ${signed(comparison.difference.ci95[1])}]${comparison.difference.clipped ? ' (clipped to ±1)' : ''}, ${testLabels[comparison.test.name]}${items} p = ${pValue(comparison.test.pValue)}, adjusted ${pValue(comparison.test.pAdjusted)} → ${verdict}`,
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

/**
 * The `parity recommend` report: the pick, the ranking, the Pareto frontier, break-even and every exclusion.
 * `tiedWith` (from src/analysis/recommend/quality-ties.ts) adds a `tied with` column when some measured qualities tie.
 */
export function formatRecommendation(
  recommendation: Recommendation,
  options: { tiedWith?: (model: string) => readonly { model: string; benchmark: string }[] } = {},
): string {
  const lines: string[] = [];
  const pick = recommendation.recommended;
  if (pick) {
    const basis = priceBasis(pick);
    lines.push(
      `Recommended: ${pick.model} — ${formatDeployment(pick)}, ${formatUsd(pick.monthlyCostUsd)}/month: ${formatUsd(pick.costPerMillionTokensUsd)} per million tokens (${formatUsd(pick.costPerMillionInputTokensUsd)} input, ${formatUsd(pick.costPerMillionOutputTokensUsd)} output; spend ÷ tokens at this volume)`,
    );
    if (pick.utilization !== undefined) {
      lines.push(
        `  utilization ${percent(pick.utilization)} of ${pick.selfHosting?.month.replicas ?? 1} replica(s); at full load ${formatUsd(pick.fullLoadCostPerMillionTokensUsd)} per million tokens`,
      );
    }
    lines.push(`  price: ${basis.source}${basis.asOf ? `, as of ${basis.asOf}` : ''}`);
    if (pick.quality.length > 0) lines.push(`  quality: ${formatQuality(pick)}`);
    if (pick.throughput) lines.push(`  throughput: ${formatThroughput(pick)} — ${pick.throughput.source}`);
  } else {
    lines.push('No candidate meets every constraint and quality floor.');
  }
  if (recommendation.ranked.length > 0) {
    lines.push('', 'Eligible, cheapest first:');
    const tied = (model: string): string =>
      (options.tiedWith?.(model) ?? []).map((entry) => `= ${entry.model} (${entry.benchmark})`).join(', ');
    const showTies = recommendation.ranked.some((candidate) => tied(candidate.model) !== '');
    const { index, notes } = sourceNotes(recommendation.ranked);
    const rows = recommendation.ranked.map((candidate) => [
      candidate.model,
      formatDeployment(candidate),
      formatUsd(candidate.monthlyCostUsd),
      formatUsd(candidate.costPerMillionTokensUsd),
      percent(candidate.utilization),
      priceBasis(candidate).gpuHourly ?? '',
      `${priceBasis(candidate).asOf} ${index(candidate)}`.trim(),
      recommendation.pareto.includes(candidate) ? 'pareto' : '',
      ...(showTies ? [tied(candidate.model)] : []),
      formatQuality(candidate),
    ]);
    const header = [
      'model',
      'deployment',
      '$/month',
      '$/M blended',
      'util',
      'GPU $/h',
      'price as of',
      'frontier',
      ...(showTies ? ['tied with'] : []),
      'quality',
    ];
    lines.push(table([header, ...rows]));
    if (notes) lines.push('', 'Prices (as of the date in the table):', notes);
  }
  const crossing = recommendation.breakEven;
  if (crossing) {
    lines.push(
      '',
      crossing.tokensPerMonth === undefined
        ? `Break-even: self-hosting ${crossing.selfHosted.model} never costs less than the ${crossing.versus.provider} API for ${crossing.versus.model} at this mix.`
        : `Break-even: self-hosting ${crossing.selfHosted.model} costs less than the ${crossing.versus.provider} API for ${crossing.versus.model} above ${formatTokens(crossing.tokensPerMonth)} tokens/month (${formatTokens(crossing.outputTokensPerMonth)} output).`,
    );
  }
  if (recommendation.excluded.length > 0) {
    lines.push('', 'Excluded:');
    for (const candidate of recommendation.excluded) {
      lines.push(`  ${candidate.model} (${formatDeployment(candidate)}): ${candidate.violations.join('; ')}`);
    }
  }
  const pickSetups = (pick?.rejectedSetups ?? []).filter((setup) => setup.violations.length > 0);
  if (pickSetups.length > 0) {
    lines.push('', `Other setups for ${pick?.model ?? ''}, with the constraint that excluded each:`);
    for (const setup of pickSetups) lines.push(`  ${setupLabel(setup)}: ${setup.violations.join('; ')}`);
  }
  return lines.join('\n');
}

/**
 * `parity recommend` as text: the workload's name, the recommendation with its `tied with` column, the pairwise
 * quality tests, the routing curves and the note on where quality figures come from.
 */
export function formatRecommendReport(options: {
  workloadName: string;
  analysis: RecommendationAnalysis;
}): string {
  const { recommendation, ties, routing } = options.analysis;
  const body = formatRecommendation(recommendation, { tiedWith: (model) => tiedWith(ties, model) });
  let text = `${options.workloadName}\n\n${body}\n`;
  if (ties.comparisons.length > 0) text += `\n${formatQualityComparisons(ties)}\n`;
  const curves = formatRoutingCurves(routing);
  if (curves) text += `\n${curves}\n`;
  text +=
    "\nQuality: measured = a --runs eval run (95% interval); published = the catalog (protocol named, may differ from parity's).\n";
  return text;
}
