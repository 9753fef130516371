import type { BenchLoad, BenchStepMetrics, LatencyStats } from '../spec/index.ts';

/** 'c=16' or 'rate=4/s' (with the burstiness when it is not 1). */
export function benchLoadLabel(load: BenchLoad): string {
  if (load.type === 'concurrency') return `c=${load.concurrency}`;
  const rate = Number.isFinite(load.requestRate) ? `${load.requestRate}/s` : 'inf';
  return load.burstiness === 1 ? `rate=${rate}` : `rate=${rate} b=${load.burstiness}`;
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * Two plain-text tables: throughput per step (requests, tokens, goodput, cost), then every latency metric per
 * step with mean, p50, p90, p95 and p99 in milliseconds. When any request streamed reasoning, TTFT is also given
 * to the first reasoning token and to the first answer (content) token.
 */
export function formatBenchTable(steps: readonly BenchStepMetrics[]): string {
  const hasGoodput = steps.some((step) => step.goodput !== undefined);
  const hasCost = steps.some((step) => step.cost !== undefined);
  const throughputHeader = [
    'load',
    'ok',
    'failed',
    'secs',
    'req/s',
    'out tok/s',
    'total tok/s',
    ...(hasGoodput ? ['goodput/s'] : []),
    ...(hasCost ? ['$/M out', '$/M total'] : []),
  ];
  const throughputRows = steps.map((step) => [
    benchLoadLabel(step.load),
    String(step.completed),
    step.failed === 0 ? '0' : `${step.failed} (${(step.errorRate * 100).toFixed(1)}%)`,
    fixed(step.durationS, 1),
    fixed(step.requestThroughput, 2),
    fixed(step.outputThroughput, 1),
    fixed(step.totalTokenThroughput, 1),
    ...(hasGoodput ? [fixed(step.goodput, 2)] : []),
    ...(hasCost
      ? [fixed(step.cost?.usdPerMillionOutputTokens, 3), fixed(step.cost?.usdPerMillionTotalTokens, 3)]
      : []),
  ]);
  const latencyRows: string[][] = [];
  // Reasoning models: TTFT to the first thinking token and to the first answer token, beside the plain TTFT.
  const reasoned = steps.some((step) => (step.ttftReasoning?.count ?? 0) > 0);
  const empty: LatencyStats = { count: 0 };
  for (const step of steps) {
    const metrics: [string, LatencyStats][] = [
      ['TTFT', step.ttft],
      ...(reasoned
        ? ([
            ['TTFT reasoning', step.ttftReasoning ?? empty],
            ['TTFT content', step.ttftContent ?? empty],
          ] as [string, LatencyStats][])
        : []),
      ['TPOT', step.tpot],
      ['ITL', step.itl],
      ['E2E', step.e2el],
    ];
    metrics.forEach(([name, stats], index) =>
      latencyRows.push([
        index === 0 ? benchLoadLabel(step.load) : '',
        name,
        fixed(stats.mean, 1),
        fixed(stats.median, 1),
        fixed(stats.p90, 1),
        fixed(stats.p95, 1),
        fixed(stats.p99, 1),
        String(stats.count),
      ]),
    );
  }
  return [
    table(throughputHeader, throughputRows),
    '',
    table(['load', 'ms', 'mean', 'p50', 'p90', 'p95', 'p99', 'n'], latencyRows),
  ].join('\n');
}
