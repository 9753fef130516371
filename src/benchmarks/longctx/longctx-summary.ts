import { longctxTasks, type LongctxTask } from './longctx-data.ts';

/** RULER's threshold for the effective context length: Llama-2-7B's 4K score, 85.6% (RULER paper, Table 3). */
export const rulerThreshold = 0.856;

/** One scored item as the summary needs it (a stored outcome or a scored samples line). */
export interface LongctxScored {
  readonly itemId: string;
  readonly scores: Readonly<Record<string, number | null>>;
  /** Prompt tokens the server reported for the item, when it did. */
  readonly inputTokens?: number;
}

export interface LongctxCell {
  readonly key: number;
  readonly n: number;
  readonly accuracy: number;
}

export interface LongctxSummary {
  readonly byLength: readonly (LongctxCell & { readonly meanInputTokens?: number })[];
  readonly byDepth: readonly LongctxCell[];
  /** Accuracy per length (rows) and depth (columns). */
  readonly grid: readonly { readonly length: number; readonly cells: readonly LongctxCell[] }[];
  readonly threshold: number;
  /**
   * The largest length whose accuracy, and that of every shorter length, is above the threshold (RULER's
   * effective length); null when even the shortest is not.
   */
  readonly effectiveLength: number | null;
}

/** `<task>/<tokens>/d<depth>/<index>` parsed; undefined for any other id. */
export function parseLongctxItemId(
  id: string,
): { task: LongctxTask; tokens: number; depth: number; index: number } | undefined {
  const match = /^([a-z_]+)\/(\d+)\/d(\d+)\/(\d+)$/.exec(id);
  const task = match?.[1] as LongctxTask | undefined;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: with no match, task is undefined and not a task, so each guard alone returns undefined
  if (!match || task === undefined || !longctxTasks.includes(task)) return undefined;
  return { task, tokens: Number(match[2]), depth: Number(match[3]), index: Number(match[4]) };
}

function cells(groups: Map<number, number[]>): LongctxCell[] {
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, values]) => ({
      key,
      n: values.length,
      accuracy: values.reduce((sum, value) => sum + value, 0) / values.length,
    }));
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** Accuracy per length, per depth and per (length, depth), and the effective length at `threshold`. */
export function summarizeLongctx(
  items: readonly LongctxScored[],
  threshold = rulerThreshold,
): LongctxSummary {
  const byLength = new Map<number, number[]>();
  const byDepth = new Map<number, number[]>();
  const byCell = new Map<number, Map<number, number[]>>();
  const tokens = new Map<number, number[]>();
  for (const item of items) {
    const parsed = parseLongctxItemId(item.itemId);
    const accuracy = item.scores.accuracy;
    if (!parsed || accuracy === null || accuracy === undefined) continue;
    push(byLength, parsed.tokens, accuracy);
    push(byDepth, parsed.depth, accuracy);
    const row = byCell.get(parsed.tokens) ?? new Map<number, number[]>();
    push(row, parsed.depth, accuracy);
    byCell.set(parsed.tokens, row);
    if (item.inputTokens !== undefined) push(tokens, parsed.tokens, item.inputTokens);
  }
  const lengthCells = cells(byLength).map((cell) => {
    const reported = tokens.get(cell.key);
    return reported === undefined
      ? cell
      : { ...cell, meanInputTokens: reported.reduce((a, b) => a + b, 0) / reported.length };
  });
  let effectiveLength: number | null = null;
  for (const cell of lengthCells) {
    if (cell.accuracy <= threshold) break;
    effectiveLength = cell.key;
  }
  return {
    byLength: lengthCells,
    byDepth: cells(byDepth),
    grid: [...byCell.entries()]
      .sort(([a], [b]) => a - b)
      .map(([length, row]) => ({ length, cells: cells(row) })),
    threshold,
    effectiveLength,
  };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The summary as plain text lines: a length × depth table, then the effective length. */
export function formatLongctxSummary(summary: LongctxSummary): string {
  const depths = summary.byDepth.map((cell) => cell.key);
  const header = ['length', ...depths.map((depth) => `d${depth}`), 'all', 'n', 'prompt tokens (server)'];
  const rows = summary.grid.map(({ length, cells: row }) => {
    const total = summary.byLength.find((cell) => cell.key === length);
    return [
      String(length),
      ...depths.map((depth) => {
        const cell = row.find((candidate) => candidate.key === depth);
        return cell ? percent(cell.accuracy) : '-';
      }),
      total ? percent(total.accuracy) : '-',
      String(total?.n ?? 0),
      total?.meanInputTokens === undefined ? 'not reported' : Math.round(total.meanInputTokens).toString(),
    ];
  });
  rows.push(['all', ...summary.byDepth.map((cell) => percent(cell.accuracy)), '', '', '']);
  const widths = header.map((_, column) =>
    // Stryker disable next-line StringLiteral: every row has the header's columns (one per depth plus four)
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const effective =
    summary.effectiveLength === null
      ? `effective context length: none (accuracy at ${summary.byLength[0]?.key ?? '-'} tokens is not above ${percent(summary.threshold)})`
      : `effective context length: ${summary.effectiveLength} tokens (largest length with accuracy above ${percent(summary.threshold)} at it and every shorter length)`;
  return [line(header), ...rows.map(line), effective].join('\n');
}
