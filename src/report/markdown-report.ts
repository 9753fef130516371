import { providerFixedLabel } from './provider-fixed-parameters.ts';
import type { ComparisonView, HeadlineView, IntervalView, ReportData } from './view-model.ts';

/**
 * Text made inert inside a line of Markdown (table cells, sentences): HTML-significant characters become
 * entities, the punctuation that can start emphasis, code, links, tables or strikethrough inside a line is
 * backslash-escaped, line breaks become spaces, so a model name or item id can neither inject HTML nor break a
 * table. Dots, dashes and the like only mean something at the start of a line, so ids such as
 * `mmlu.gen.5shot` and dates stay as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/([\\`*_[\]()|~])/g, '\\$1');
}

function formatNumber(value: number | null, kind: 'proportion' | 'graded'): string {
  if (value === null) return '—';
  return kind === 'proportion' ? `${(value * 100).toFixed(1)}` : value.toFixed(2);
}

function formatInterval(interval: IntervalView, kind: 'proportion' | 'graded'): string {
  return `${formatNumber(interval.value, kind)} [${formatNumber(interval.ci95[0], kind)}, ${formatNumber(interval.ci95[1], kind)}]`;
}

/** A difference in points ("+29.5 pts [+12.0, +40.1]"), never "%": it is not a relative change. */
function formatDifference(
  interval: IntervalView,
  kind: 'proportion' | 'graded',
  options: { clipped?: boolean } = {},
): string {
  const signed = (value: number | null): string =>
    value !== null && value > 0 ? `+${formatNumber(value, kind)}` : formatNumber(value, kind);
  const unit = kind === 'proportion' ? ' pts' : '';
  const clipped = options.clipped ? ' (clipped to ±100 pts)' : '';
  return `${signed(interval.value)}${unit} [${signed(interval.ci95[0])}, ${signed(interval.ci95[1])}]${clipped}`;
}

function headlineCell(headline: HeadlineView | undefined): string {
  return headline ? formatInterval(headline, headline.kind) : '—';
}

function verdictText(comparison: ComparisonView): string {
  const margin = comparison.margin;
  if (margin) {
    const points =
      comparison.kind === 'proportion'
        ? `${(margin.margin * 100).toFixed(2)} points`
        : margin.margin.toFixed(3);
    const ci = `${formatNumber(margin.ci[0], comparison.kind)}, ${formatNumber(margin.ci[1], comparison.kind)}`;
    const detail = `${Math.round(margin.intervalLevel * 1000) / 10}% CI [${ci}]`;
    if (margin.verdict === 'equivalent') return `**equivalent within ±${points}** (${detail})`;
    if (margin.verdict === 'not_worse') return `**B not worse than A by more than ${points}** (${detail})`;
    if (margin.verdict === 'different')
      return `**different: ${escapeMarkdown(margin.better === 'a' ? comparison.a.model : comparison.b.model)} better**`;
    return `inconclusive at ${margin.mode === 'equivalence' ? '±' : ''}${points} (${detail}${margin.itemsNeeded === null ? '' : `; about ${margin.itemsNeeded} items would decide it`})`;
  }
  if (comparison.verdict === 'a_better') return `**${escapeMarkdown(comparison.a.model)} better**`;
  if (comparison.verdict === 'b_better') return `**${escapeMarkdown(comparison.b.model)} better**`;
  return 'no significant difference';
}

/** A Markdown summary for a pull request: runs with headline ± 95% interval, paired comparisons, latency. */
export function renderMarkdownReport(data: ReportData): string {
  const lines: string[] = ['## parity report', ''];
  lines.push(
    '| run | model | benchmark | protocol | n | metric | value [95% CI] | errors | unscored | status |',
  );
  lines.push('|---|---|---|---|---:|---|---|---:|---:|---|');
  for (const run of data.runs) {
    const metric = run.headline
      ? `${run.headline.name}${run.headline.kind === 'proportion' ? ' %' : ''}`
      : '—';
    lines.push(
      `| \`${run.runId.replaceAll('`', '')}\` | ${escapeMarkdown(run.model)} | ${escapeMarkdown(run.benchmark)} | ${escapeMarkdown(`${run.protocol}${providerFixedLabel(run.providerFixed)}`)} | ${run.doneItems}/${run.totalItems} | ${escapeMarkdown(metric)} | ${headlineCell(run.headline)} | ${run.errors} | ${run.unscored} | ${run.status} |`,
    );
  }
  if (data.comparisons.length > 0) {
    lines.push('', '### Paired comparisons', '');
    lines.push(
      '| verdict | benchmark | A | B | n paired | A − B [CI at the verdict’s level] | A better / B better | test | p (Holm) |',
    );
    lines.push('|---|---|---|---|---:|---|---:|---|---:|');
    for (const comparison of data.comparisons) {
      const p = comparison.test.pAdjusted === null ? '—' : comparison.test.pAdjusted.toPrecision(2);
      const level = `${Math.round(comparison.intervalLevel * 1000) / 10}%`;
      const leftOut =
        comparison.mismatchedItems > 0 ? ` (${comparison.mismatchedItems} left out: content differs)` : '';
      lines.push(
        `| ${verdictText(comparison)} | ${escapeMarkdown(comparison.benchmark)} | ${escapeMarkdown(comparison.a.model)} | ${escapeMarkdown(comparison.b.model)} | ${comparison.nPaired}${leftOut} | ${formatDifference(comparison.difference, comparison.kind, { clipped: comparison.differenceClipped === true })} at ${level} | ${comparison.aBetterCount} / ${comparison.bBetterCount} | ${comparison.test.name} | ${p} |`,
      );
    }
    lines.push('', `Method: ${escapeMarkdown(data.comparisons[0]?.method ?? '')}.`);
  }
  const benchmarkOf = new Map(
    data.runs.map((run) => [run.runId, run.kind === 'bench' ? 'bench' : run.benchmark]),
  );
  const latencyRows = data.latency.flatMap((latency) =>
    latency.steps
      .filter((step) => step.p50Ms !== null)
      .map(
        (step) =>
          `| ${escapeMarkdown(latency.model)} | ${escapeMarkdown(benchmarkOf.get(latency.runId) ?? '—')} | ${escapeMarkdown(step.step)} | ${step.count} | ${step.p50Ms?.toFixed(0)} | ${step.p90Ms?.toFixed(0)} | ${step.p99Ms?.toFixed(0)} |`,
      ),
  );
  if (latencyRows.length > 0) {
    lines.push(
      '',
      '### Latency (end to end, ms)',
      '',
      '| model | benchmark | step | n | p50 | p90 | p99 |',
      '|---|---|---|---:|---:|---:|---:|',
    );
    lines.push(...latencyRows);
  }
  lines.push(
    '',
    `Proportions in percent, their differences in percentage points (pts). Generated by parity at ${escapeMarkdown(data.generatedAt)}.`,
    '',
  );
  return lines.join('\n');
}
