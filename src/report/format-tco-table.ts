import type { TcoCandidate } from '../cost/evaluate-tco.ts';
import type { Recommendation } from '../cost/recommend.ts';

/** "$1,234" for large amounts, "$0.78" below $100, "—" when unknown. */
export function formatUsd(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return `$${Math.round(value).toLocaleString('en-US')}`;
  return `$${value.toFixed(2)}`;
}

/** "950", "12.5M", "3.4B" tokens. */
export function formatTokens(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const units: readonly [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (value >= size) return `${(value / size).toFixed(value / size < 10 ? 1 : 0)}${suffix}`;
  }
  return Math.round(value).toString();
}

/** Where a candidate runs: the API provider, or replicas × GPUs and precision. */
export function formatDeployment(candidate: TcoCandidate): string {
  if (candidate.deployment === 'api') return `API ${candidate.provider ?? ''}`;
  const plan = candidate.selfHosting;
  if (!plan) return 'self-hosted (impossible)';
  const replicas = plan.month.replicas > 1 ? `${plan.month.replicas} × ` : '';
  return `self-hosted ${replicas}${plan.gpuCount} × ${plan.gpu.id} ${plan.precision}`;
}

function formatThroughput(candidate: TcoCandidate): string {
  const throughput = candidate.throughput;
  if (!throughput) return '';
  return `${Math.round(throughput.outputTokensPerSecond).toLocaleString('en-US')} tok/s (${throughput.basis})`;
}

function formatBreakEven(candidate: TcoCandidate): string {
  if (!candidate.breakEven) return '';
  if (candidate.breakEven.tokensPerMonth === undefined)
    return `never vs ${candidate.breakEven.versus.provider}`;
  return `${formatTokens(candidate.breakEven.tokensPerMonth)} tok/mo vs ${candidate.breakEven.versus.provider}`;
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

/**
 * The `parity tco` table: one row per candidate with monthly cost, cost per million output and per million
 * tokens, throughput and its basis, break-even volume and the number of failed constraints; then every
 * failed constraint with its reason.
 */
export function formatTcoTable(candidates: readonly TcoCandidate[]): string {
  const header = [
    'model',
    'deployment',
    '$/month',
    '$/M out',
    '$/M tokens',
    'throughput',
    'break-even',
    'ok',
  ];
  const rows = candidates.map((candidate) => [
    candidate.model,
    formatDeployment(candidate),
    formatUsd(candidate.monthlyCostUsd),
    formatUsd(candidate.costPerMillionOutputTokensUsd),
    formatUsd(candidate.costPerMillionTokensUsd),
    formatThroughput(candidate),
    formatBreakEven(candidate),
    candidate.violations.length === 0 ? 'yes' : `no (${candidate.violations.length})`,
  ]);
  const failures = candidates
    .filter((candidate) => candidate.violations.length > 0)
    .map(
      (candidate) =>
        `${candidate.model} (${formatDeployment(candidate)}):\n${candidate.violations.map((violation) => `  - ${violation}`).join('\n')}`,
    );
  return `${table([header, ...rows])}${failures.length > 0 ? `\n\nFailed constraints:\n${failures.join('\n')}` : ''}`;
}

function formatQuality(candidate: TcoCandidate): string {
  return candidate.quality
    .map((figure) => {
      const interval = figure.ci95 ? ` [${figure.ci95[0].toFixed(3)}, ${figure.ci95[1].toFixed(3)}]` : '';
      return `${figure.benchmark} ${figure.value.toFixed(3)}${interval} (${figure.basis}: ${figure.protocol})`;
    })
    .join('; ');
}

/**
 * The `parity recommend` report: the pick, the ranking, the Pareto frontier, break-even and every exclusion.
 * `tiedWith` (from src/report/quality-ties.ts) adds a `tied with` column when some measured qualities tie.
 */
export function formatRecommendation(
  recommendation: Recommendation,
  options: { tiedWith?: (model: string) => readonly { model: string; benchmark: string }[] } = {},
): string {
  const lines: string[] = [];
  const pick = recommendation.recommended;
  if (pick) {
    lines.push(
      `Recommended: ${pick.model} — ${formatDeployment(pick)}, ${formatUsd(pick.monthlyCostUsd)}/month, ${formatUsd(pick.costPerMillionOutputTokensUsd)} per million output tokens`,
    );
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
    const rows = recommendation.ranked.map((candidate) => [
      candidate.model,
      formatDeployment(candidate),
      formatUsd(candidate.monthlyCostUsd),
      recommendation.pareto.includes(candidate) ? 'pareto' : '',
      ...(showTies ? [tied(candidate.model)] : []),
      formatQuality(candidate),
    ]);
    const header = [
      'model',
      'deployment',
      '$/month',
      'frontier',
      ...(showTies ? ['tied with'] : []),
      'quality',
    ];
    lines.push(table([header, ...rows]));
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
  return lines.join('\n');
}
