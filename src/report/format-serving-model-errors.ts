import type { CalibrationRow, ErrorSummary } from '../cost/serving-model-calibration.ts';

/**
 * The serving model against every published measurement: setup, engine, the batch in flight (throughput × TPOT),
 * published and predicted output tokens/s and TPOT, and the relative error; then mean, median and largest error.
 */
export function formatServingModelErrors(rows: readonly CalibrationRow[], summary: ErrorSummary): string {
  const header = [
    'model',
    'setup',
    'engine',
    'batch',
    'published tok/s',
    'model tok/s',
    'published TPOT',
    'model TPOT',
    'error',
  ];
  const cells = rows.map((row) => [
    row.model,
    `${row.gpuCount} × ${row.gpu} ${row.precision}`,
    row.engine,
    row.batchSize.toFixed(0),
    row.published.outputTokensPerSecond.toFixed(0),
    row.predicted.outputTokensPerSecond.toFixed(0),
    `${row.published.tpotMs.toFixed(1)} ms`,
    `${row.predicted.tpotMs.toFixed(1)} ms`,
    `${row.relativeError >= 0 ? '+' : ''}${(row.relativeError * 100).toFixed(0)}%`,
  ]);
  const table = [header, ...cells];
  const widths = header.map((_cell, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const lines = table.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  lines.push(
    '',
    `${summary.measurements} measurements: mean |error| ${percent(summary.meanAbsoluteError)}, median ${percent(summary.medianAbsoluteError)}, largest ${percent(summary.maxAbsoluteError)}`,
  );
  return lines.join('\n');
}
