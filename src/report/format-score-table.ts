import type { Estimate, MetricSpec } from '../spec/index.ts';
import type { ScoreSummary } from './summarize-scores.ts';

export interface ScoreTableRow {
  readonly model: string;
  readonly benchmark: string;
  readonly protocol: string;
  readonly metrics: readonly MetricSpec[];
  readonly summary: ScoreSummary;
  /** Items that failed (no response); shown so a partial run is never mistaken for a whole one. */
  readonly errors?: number;
}

function formatValue(value: number, kind: MetricSpec['kind']): string {
  if (!Number.isFinite(value)) return '—';
  return kind === 'proportion' ? (value * 100).toFixed(1) : value.toFixed(2);
}

/** "68.2  [67.4, 69.0]" for proportions (percent points), raw scale for graded scores. */
export function formatEstimate(estimate: Estimate, kind: MetricSpec['kind']): string {
  return `${formatValue(estimate.value, kind)}  [${formatValue(estimate.ci95[0], kind)}, ${formatValue(estimate.ci95[1], kind)}]`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, index) => cell.padEnd(widths[index] ?? 0))
    .join('  ')
    .trimEnd();
}

/**
 * A plain-text table: one line per metric with value, 95% interval and n, and the protocol id beside every
 * score. Proportions are printed in percent.
 */
export function formatScoreTable(rows: readonly ScoreTableRow[]): string {
  const header = ['model', 'benchmark', 'protocol', 'metric', 'value  [95% CI]', 'n', 'unscored', 'errors'];
  const lines: string[][] = [];
  for (const row of rows) {
    row.metrics.forEach((metric, index) => {
      const estimate = row.summary.metrics[metric.name];
      if (!estimate) return;
      const first = index === 0;
      lines.push([
        first ? row.model : '',
        first ? row.benchmark : '',
        first ? row.protocol : '',
        metric.kind === 'proportion' ? `${metric.name} %` : metric.name,
        formatEstimate(estimate, metric.kind),
        String(estimate.n),
        first ? String(row.summary.unscored) : '',
        first ? String(row.errors ?? 0) : '',
      ]);
    });
  }
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  return [pad(header, widths), ...lines.map((line) => pad(line, widths))].join('\n');
}

/** Per-group lines (subject, language, task) for the headline metric. */
export function formatGroupTable(summary: ScoreSummary, metric: MetricSpec): string {
  const entries = Object.entries(summary.groups);
  const width = Math.max(5, ...entries.map(([group]) => group.length));
  const lines = [`${'group'.padEnd(width)}  ${metric.name}  [95% CI]  n`];
  for (const [group, estimates] of entries) {
    const estimate = estimates[metric.name];
    if (estimate)
      lines.push(`${group.padEnd(width)}  ${formatEstimate(estimate, metric.kind)}  ${estimate.n}`);
  }
  return lines.join('\n');
}
