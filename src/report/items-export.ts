import type { ItemView, RunView } from './view-model.ts';

export interface ExportRun {
  readonly run: RunView;
  readonly items: readonly ItemView[];
}

const csvHeader = [
  'run_id',
  'model',
  'benchmark',
  'protocol',
  'item_id',
  'sample',
  'group',
  'status',
  'score',
  'target',
  'extracted',
  'choices',
  'response',
  'error',
  'latency_ms',
  'ttft_ms',
  'input_tokens',
  'output_tokens',
  'finish_reason',
  'cached',
  'prompt',
] as const;

/**
 * A CSV field (RFC 4180 quoting). Text that a spreadsheet would read as a formula (starting with = + - @,
 * tab or carriage return) gets a leading apostrophe, since model output is untrusted.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Milliseconds to the microsecond: timings are measured no finer, and `375.96416900000077` helps nobody. */
function roundMs(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

type ExportValue = string | number | boolean | null | readonly string[];

function itemJson(run: RunView, item: ItemView): Record<string, ExportValue> {
  return {
    run_id: run.runId,
    model: run.model,
    benchmark: run.benchmark,
    protocol: run.protocol,
    item_id: item.itemId,
    sample: item.sample,
    group: item.group,
    status: item.status,
    score: item.score,
    target: item.target ?? null,
    extracted: item.extracted,
    choices: item.choices ?? null,
    response: item.response,
    error: item.error,
    latency_ms: roundMs(item.latencyMs),
    ttft_ms: roundMs(item.ttftMs),
    input_tokens: item.inputTokens,
    output_tokens: item.outputTokens,
    finish_reason: item.finishReason,
    cached: item.cached,
    prompt: item.prompt,
  };
}

/** Every item of every run, one CSV line each, with a header line. */
export function itemsCsv(runs: readonly ExportRun[]): string {
  const lines = [csvHeader.join(',')];
  for (const { run, items } of runs) {
    for (const item of items) {
      const row = itemJson(run, item);
      lines.push(
        csvHeader
          .map((column) => {
            const value = row[column] ?? null;
            // Choices in one cell, one per line ("A. …\nB. …"), as the model saw them.
            return csvField(
              Array.isArray(value) ? value.join('\n') : (value as string | number | boolean | null),
            );
          })
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `{ "items": [ … ] }` with snake_case fields, one object per item of every run. */
export function itemsJson(runs: readonly ExportRun[]): {
  items: Record<string, ExportValue>[];
} {
  return { items: runs.flatMap(({ run, items }) => items.map((item) => itemJson(run, item))) };
}
