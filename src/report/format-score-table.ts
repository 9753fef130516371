import type { Estimate, MetricSpec } from '../spec/index.ts';
import type { ScoreSummary } from '../evaluation/summarize-scores.ts';

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
 * How an interval was computed, in words, for the footnote under a table; undefined for Wilson (the default
 * named in the header) and for figures without an interval.
 */
export function intervalMethodNote(
  estimate: Estimate,
  options: { clusterCounts?: boolean } = {},
): string | undefined {
  if (!Number.isFinite(estimate.ci95[0]) && !Number.isFinite(estimate.ci95[1])) return undefined;
  const clusters =
    estimate.clusters === undefined || options.clusterCounts === false
      ? ''
      : `, ${estimate.clusters} clusters`;
  switch (estimate.method) {
    case 'wilson':
      return undefined;
    case 'normal':
      return 'normal interval, mean ± 1.96·s/√n over independent items';
    case 'normal-group-mean':
      return estimate.clusters === undefined
        ? 'macro average: normal interval from the per-group variances (stratified)'
        : `macro average: normal interval from the per-group variances, an item's units clustered${clusters}`;
    case 'clustered':
      return `cluster-robust SE, the units of one item (samples, turns, instructions) as one cluster${clusters}`;
    case 'clustered-by-group':
      return `cluster-robust SE, each group (subject) as one cluster${clusters}`;
    case 'bootstrap-percentile':
      return `percentile bootstrap over problems, ${estimate.resamples?.toLocaleString('en-US') ?? '?'} resamples, seed ${estimate.seed ?? '?'}`;
    default:
      return estimate.method;
  }
}

const markers = ['†', '‡', '§', '¶', '#', '**', '††', '‡‡'];

/** Gives each distinct non-Wilson interval method a marker, and prints the footnote lines naming them. */
class MethodNotes {
  private readonly notes = new Map<string, string>();

  /** `clusterCounts: false` (group tables) leaves the number of clusters out, so one note serves all groups. */
  constructor(private readonly options: { clusterCounts?: boolean } = {}) {}

  marker(estimate: Estimate): string {
    const note = intervalMethodNote(estimate, this.options);
    if (note === undefined) return '';
    let marker = this.notes.get(note);
    if (marker === undefined) {
      marker = markers[this.notes.size] ?? `(${this.notes.size + 1})`;
      this.notes.set(note, marker);
    }
    return ` ${marker}`;
  }

  lines(): string[] {
    if (this.notes.size === 0) return [];
    return [
      '95% CI: Wilson unless marked;',
      ...[...this.notes].map(([note, marker]) => `  ${marker} ${note}`),
    ];
  }
}

/**
 * A plain-text table: one line per metric with value, 95% interval and n, and the protocol id beside every
 * score. Proportions are printed in percent. Intervals not computed by Wilson carry a marker explained under
 * the table (clustered, bootstrap, stratified macro average).
 */
export function formatScoreTable(rows: readonly ScoreTableRow[]): string {
  const header = ['model', 'benchmark', 'protocol', 'metric', 'value  [95% CI]', 'n', 'unscored', 'errors'];
  const lines: string[][] = [];
  const notes = new MethodNotes();
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
        `${formatEstimate(estimate, metric.kind)}${notes.marker(estimate)}`,
        String(estimate.n),
        first ? String(row.summary.unscored) : '',
        first ? String(row.errors ?? 0) : '',
      ]);
    });
  }
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  return [pad(header, widths), ...lines.map((line) => pad(line, widths)), ...notes.lines()].join('\n');
}

/** Per-group lines (subject, language, task) for the headline metric. */
export function formatGroupTable(summary: ScoreSummary, metric: MetricSpec): string {
  const entries = Object.entries(summary.groups);
  const width = Math.max(5, ...entries.map(([group]) => group.length));
  const notes = new MethodNotes({ clusterCounts: false });
  const lines = [`${'group'.padEnd(width)}  ${metric.name}  [95% CI]  n`];
  for (const [group, estimates] of entries) {
    const estimate = estimates[metric.name];
    if (estimate)
      lines.push(
        `${group.padEnd(width)}  ${formatEstimate(estimate, metric.kind)}  ${estimate.n}${notes.marker(estimate)}`,
      );
  }
  return [...lines, ...notes.lines()].join('\n');
}
