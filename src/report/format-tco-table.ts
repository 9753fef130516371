import type { TcoCandidate } from '../cost/evaluate-tco.ts';
import { deploymentLabel } from '../cost/deployment-label.ts';
import { setupLabel } from '../cost/self-hosting-plan.ts';

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
  return deploymentLabel(candidate);
}

export function formatThroughput(candidate: TcoCandidate): string {
  const throughput = candidate.throughput;
  if (!throughput) return '';
  const label = `${throughput.basis}${throughput.adjusted ? ', adjusted' : ''}`;
  return `${Math.round(throughput.outputTokensPerSecond).toLocaleString('en-US')} tok/s ${throughput.tpotMs.toFixed(0)} ms (${label})`;
}

/** The price behind a row: the API's list price, or the GPU's hourly price, with its date. */
export function priceBasis(candidate: TcoCandidate): { asOf: string; source: string; gpuHourly?: string } {
  if (candidate.price)
    return { asOf: candidate.price.asOf, source: `${candidate.provider ?? ''}: ${candidate.price.source}` };
  const plan = candidate.selfHosting;
  if (!plan) return { asOf: '', source: '' };
  const fromWorkload = plan.gpuHourlyUsd !== plan.gpu.hourlyUsd;
  return {
    asOf: fromWorkload ? 'workload' : plan.gpu.priceAsOf,
    source: fromWorkload
      ? `${plan.gpu.id}: $${plan.gpuHourlyUsd}/GPU-h from the workload file`
      : `${plan.gpu.id}: $${plan.gpuHourlyUsd}/GPU-h, ${plan.gpu.priceSource}`,
    gpuHourly: `$${plan.gpuHourlyUsd.toFixed(2)}`,
  };
}

export const percent = (value: number | undefined): string =>
  value === undefined ? '' : `${Math.round(value * 100)}%`;

/** Numbered price sources under a table: each distinct source once, rows refer to it as [n]. */
export function sourceNotes(candidates: readonly TcoCandidate[]): {
  index: (candidate: TcoCandidate) => string;
  notes: string;
} {
  const sources: string[] = [];
  const numberOf = new Map<TcoCandidate, number>();
  for (const candidate of candidates) {
    const { source } = priceBasis(candidate);
    if (!source) continue;
    let position = sources.indexOf(source);
    if (position < 0) position = sources.push(source) - 1;
    numberOf.set(candidate, position + 1);
  }
  return {
    index: (candidate) => (numberOf.has(candidate) ? `[${numberOf.get(candidate)}]` : ''),
    notes: sources.map((source, position) => `[${position + 1}] ${source}`).join('\n'),
  };
}

function formatBreakEven(candidate: TcoCandidate): string {
  if (!candidate.breakEven) return '';
  if (candidate.breakEven.tokensPerMonth === undefined)
    return `never vs ${candidate.breakEven.versus.provider}`;
  return `${formatTokens(candidate.breakEven.tokensPerMonth)} tok/mo vs ${candidate.breakEven.versus.provider}`;
}

export function table(rows: readonly (readonly string[])[]): string {
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
 * The `parity tco` table: one row per candidate with monthly cost; cost per million input, output and all tokens
 * (spend ÷ tokens at the workload's volume); self-hosted utilization and capacity cost at full load; GPU $/h;
 * throughput with its basis; break-even volume; the price's date and numbered source; the number of failed
 * constraints. Then the sources, every failed constraint with its reason, and the self-hosting setups each
 * constraint excluded.
 */
export function formatTcoTable(candidates: readonly TcoCandidate[]): string {
  const header = [
    'model',
    'deployment',
    '$/month',
    '$/M in',
    '$/M out',
    '$/M blended',
    'util',
    '$/M full load',
    'GPU $/h',
    'throughput',
    'break-even',
    'price as of',
    'ok',
  ];
  const { index, notes } = sourceNotes(candidates);
  const rows = candidates.map((candidate) => {
    const basis = priceBasis(candidate);
    return [
      candidate.model,
      formatDeployment(candidate),
      formatUsd(candidate.monthlyCostUsd),
      formatUsd(candidate.costPerMillionInputTokensUsd),
      formatUsd(candidate.costPerMillionOutputTokensUsd),
      formatUsd(candidate.costPerMillionTokensUsd),
      percent(candidate.utilization),
      candidate.fullLoadCostPerMillionTokensUsd === undefined
        ? ''
        : formatUsd(candidate.fullLoadCostPerMillionTokensUsd),
      basis.gpuHourly ?? '',
      formatThroughput(candidate),
      formatBreakEven(candidate),
      `${basis.asOf} ${index(candidate)}`.trim(),
      candidate.violations.length === 0 ? 'yes' : `no (${candidate.violations.length})`,
    ];
  });
  const failures = candidates
    .filter((candidate) => candidate.violations.length > 0)
    .map(
      (candidate) =>
        `${candidate.model} (${formatDeployment(candidate)}):\n${candidate.violations.map((violation) => `  - ${violation}`).join('\n')}`,
    );
  const fixedLines = candidates
    .filter((candidate) => candidate.fineTuning || candidate.staffUsdPerMonth !== undefined)
    .map((candidate) => {
      const parts = [
        ...(candidate.fineTuning
          ? [
              `fine-tuning ${formatUsd(candidate.fineTuning.usdPerMonth)}/month (${candidate.fineTuning.basis}: ${candidate.fineTuning.description})`,
            ]
          : []),
        ...(candidate.staffUsdPerMonth === undefined
          ? []
          : [`staff ${formatUsd(candidate.staffUsdPerMonth)}/month`]),
      ];
      return `  ${candidate.model} (${formatDeployment(candidate)}): ${parts.join('; ')}`;
    });
  const rejected = candidates
    .filter((candidate) => (candidate.rejectedSetups ?? []).some((setup) => setup.violations.length > 0))
    .map((candidate) => {
      const lines = (candidate.rejectedSetups ?? [])
        .filter((setup) => setup.violations.length > 0)
        .map((setup) => `  - ${setupLabel(setup)}: ${setup.violations.join('; ')}`);
      return `${candidate.model}:\n${lines.join('\n')}`;
    });
  return [
    table([header, ...rows]),
    notes ? `\nPrices (as of the date in the table):\n${notes}` : '',
    fixedLines.length > 0 ? `\nIncluded in $/month:\n${fixedLines.join('\n')}` : '',
    failures.length > 0 ? `\nFailed constraints:\n${failures.join('\n')}` : '',
    rejected.length > 0
      ? `\nSelf-hosting setups excluded, with the constraint that excluded each:\n${rejected.join('\n')}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export function formatQuality(candidate: TcoCandidate): string {
  return candidate.quality
    .map((figure) => {
      const interval = figure.ci95 ? ` [${figure.ci95[0].toFixed(3)}, ${figure.ci95[1].toFixed(3)}]` : '';
      return `${figure.benchmark} ${figure.value.toFixed(3)}${interval} (${figure.basis}: ${figure.protocol})`;
    })
    .join('; ');
}
