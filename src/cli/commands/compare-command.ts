import type { Command, Option } from 'commander';
import { getBenchmark, getProtocol } from '../../benchmarks/registry.ts';
import { compareReportJson } from '../../report/compare-report-json.ts';
import {
  compareRuns,
  comparePublished,
  decideComparisons,
  type ClusterChoice,
  type Comparison,
} from '../../report/compare-runs.ts';
import { formatComparisonTable } from '../../report/format-comparison-table.ts';
import { openSqliteRunStore } from '../../store/sqlite-run-store.ts';
import type { RunStore, StoredRun } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseWholeNumber } from '../parse-options.ts';
import { storePath } from '../paths.ts';

export interface CompareFlags {
  readonly json?: boolean;
  readonly store?: string;
  readonly level?: string;
  readonly aPublished?: string;
  readonly vsPublished?: string;
  readonly n?: string;
  readonly nB?: string;
  readonly cluster?: string;
  readonly seed?: string;
  readonly resamples?: string;
}

export const COMPARE_DEFAULTS = { level: 0.05, resamples: 10_000, seed: 0 } as const;

/** A probability flag: a fraction in [0, 1], or a percentage written with '%' ("88.7%"). */
export function parseFraction(flag: string, value: string): number {
  const trimmed = value.trim();
  const isPercent = trimmed.endsWith('%');
  const number = Number(isPercent ? trimmed.slice(0, -1) : trimmed);
  const fraction = isPercent ? number / 100 : number;
  if (trimmed === '' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new InputError(`expected a fraction in [0, 1] (or a percentage such as 88.7%), got '${value}'`, {
      location: flag,
    });
  }
  return fraction;
}

/** `--level`: a significance level strictly between 0 and 1. */
export function parseLevel(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const level = Number(value);
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new InputError(`expected a significance level between 0 and 1, e.g. 0.05, got '${value}'`, {
      location: '--level',
    });
  }
  return level;
}

function loadRun(store: RunStore, runId: string, path: string): StoredRun {
  const run = store.getRun(runId);
  if (!run) throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`);
  if (run.kind !== 'eval') throw new InputError(`run ${runId} is a ${run.kind} run, not an evaluation`);
  return run;
}

function publishedComparisons(runIds: readonly string[], flags: CompareFlags, io: CliIo): Comparison[] {
  const vsPublished = parseFraction('--vs-published', flags.vsPublished ?? '');
  const n = parseWholeNumber('--n', flags.n);
  if (n === undefined)
    throw new InputError('give the items behind the published figure', { location: '--n' });
  const nB = parseWholeNumber('--n-b', flags.nB) ?? n;
  if (flags.aPublished !== undefined) {
    if (runIds.length > 0) {
      throw new InputError('give either run ids or --a-published, not both', { location: '--a-published' });
    }
    const aPublished = parseFraction('--a-published', flags.aPublished);
    return [
      comparePublished({
        a: { value: aPublished, n, model: 'published (A)' },
        b: { value: vsPublished, n: nB },
      }),
    ];
  }
  if (runIds.length !== 1) {
    throw new InputError('--vs-published compares one run (or --a-published) with a published figure', {
      location: '--vs-published',
    });
  }
  const path = storePath(io, flags.store);
  const store = openSqliteRunStore({ path });
  try {
    const run = loadRun(store, runIds[0] ?? '', path);
    const protocol = getProtocol(getBenchmark(run.config.benchmark), run.config.protocol);
    const metric = protocol.metrics[0];
    if (!metric || metric.kind !== 'proportion') {
      throw new InputError(`--vs-published needs a proportion metric; ${protocol.id}'s headline is graded`);
    }
    const values: number[] = [];
    const perItem = new Map<string, { sum: number; count: number }>();
    for (const record of run.items) {
      const value = record.status === 'ok' ? record.scores[metric.itemScore] : undefined;
      if (value === null || value === undefined) continue;
      const entry = perItem.get(record.itemId) ?? { sum: 0, count: 0 };
      entry.sum += value;
      entry.count += 1;
      perItem.set(record.itemId, entry);
    }
    for (const entry of perItem.values()) values.push(entry.sum / entry.count);
    if (values.length === 0) throw new InputError(`run ${run.runId} has no scored item`);
    const value = values.reduce((sum, item) => sum + item, 0) / values.length;
    return [
      comparePublished({
        a: { value, n: values.length, runId: run.runId, model: run.config.modelSpec },
        b: { value: vsPublished, n: nB },
        benchmark: run.config.benchmark,
        protocol: run.config.protocol,
        metric: metric.name,
      }),
    ];
  } finally {
    store.close();
  }
}

function pairedComparisons(runIds: readonly string[], flags: CompareFlags, io: CliIo): Comparison[] {
  if (runIds.length < 2) {
    throw new InputError('name at least two runs (or use --vs-published with --n)', {
      location: 'parity compare',
    });
  }
  const cluster = (flags.cluster ?? 'item') as ClusterChoice;
  if (cluster !== 'item' && cluster !== 'group') {
    throw new InputError(`expected 'item' or 'group', got '${flags.cluster}'`, { location: '--cluster' });
  }
  const seed = parseWholeNumber('--seed', flags.seed, { min: 0 }) ?? COMPARE_DEFAULTS.seed;
  const resamples = parseWholeNumber('--resamples', flags.resamples) ?? COMPARE_DEFAULTS.resamples;
  const path = storePath(io, flags.store);
  const store = openSqliteRunStore({ path });
  try {
    const runs = runIds.map((runId) => loadRun(store, runId, path));
    const byBenchmark = new Map<string, StoredRun[]>();
    for (const run of runs) {
      const list = byBenchmark.get(run.config.benchmark) ?? [];
      list.push(run);
      byBenchmark.set(run.config.benchmark, list);
    }
    const comparisons: Comparison[] = [];
    for (const [benchmarkId, list] of byBenchmark) {
      const [first, ...others] = list;
      if (!first) continue;
      if (others.length === 0) {
        throw new InputError(
          `run ${first.runId} (${benchmarkId}) has no other run of ${benchmarkId} to compare with`,
        );
      }
      const protocol = getProtocol(getBenchmark(benchmarkId), first.config.protocol);
      const metric = protocol.metrics[0];
      if (!metric) throw new InputError(`protocol ${protocol.id} has no metric`);
      for (const other of others) {
        if (
          other.config.protocol !== first.config.protocol ||
          other.config.protocolVersion !== first.config.protocolVersion
        ) {
          throw new InputError(
            `run ${other.runId} used ${other.config.protocol} v${other.config.protocolVersion} but run ${first.runId} used ${first.config.protocol} v${first.config.protocolVersion}: different protocols (prompt, shots, answer extraction) measure different things, so their scores are not comparable; compare runs of one protocol`,
          );
        }
        const comparison = compareRuns({ a: first, b: other, metric, cluster, seed, resamples });
        if (comparison.nPaired === 0) {
          throw new InputError(`runs ${first.runId} and ${other.runId} have no scored item in common`);
        }
        comparisons.push(comparison);
        for (const run of [first, other]) {
          if (run.status !== 'completed') {
            io.stderr(`note: run ${run.runId} is ${run.status} (${run.doneItems}/${run.totalItems} items)\n`);
          }
        }
      }
    }
    return comparisons;
  } finally {
    store.close();
  }
}

/** `parity compare`: paired tests between stored runs, or an unpaired test against published figures. */
export function compareCommand(runIds: readonly string[], flags: CompareFlags, io: CliIo): number {
  const level = parseLevel(flags.level, COMPARE_DEFAULTS.level);
  const published = flags.vsPublished !== undefined || flags.aPublished !== undefined;
  if (flags.aPublished !== undefined && flags.vsPublished === undefined) {
    throw new InputError('--a-published needs --vs-published and --n', { location: '--a-published' });
  }
  const comparisons = published
    ? publishedComparisons(runIds, flags, io)
    : pairedComparisons(runIds, flags, io);
  const decided = decideComparisons(comparisons, { level });
  if (flags.json) {
    io.stdout(`${JSON.stringify(compareReportJson(decided, { level }), null, 2)}\n`);
  } else {
    io.stdout(`${formatComparisonTable(decided, { level })}\n`);
    if (decided.length > 1) io.stdout(`\nHolm correction across the ${decided.length} comparisons above.\n`);
  }
  return 0;
}

export function registerCompareCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  storeOption: () => Option,
): void {
  program
    .command('compare')
    .description(
      'is the gap real? paired difference with 95% CI, exact McNemar (0/1 scores) or paired permutation test, Holm-corrected verdicts (docs/statistics.md)',
    )
    .argument(
      '[run-ids...]',
      'runs of the same protocol; per benchmark, each later run is compared with the first',
    )
    .addOption(storeOption())
    .option('--json', 'print JSON (CONTRACT.md)')
    .option(
      '--level <alpha>',
      'significance level of the verdicts, after Holm correction',
      String(COMPARE_DEFAULTS.level),
    )
    .option(
      '--vs-published <value>',
      'compare with a published figure (fraction, or percentage with %): unpaired two-proportion z-test',
    )
    .option('--a-published <value>', 'with --vs-published: compare two published figures instead of a run')
    .option('--n <items>', 'with --vs-published: items behind the published figure(s)')
    .option('--n-b <items>', 'items behind --vs-published when it differs from --n (default: --n)')
    .option(
      '--cluster <unit>',
      "independent unit for the difference's interval: item, or group (MMLU subject, …)",
      'item',
    )
    .option('--seed <n>', 'seed of the permutation test for graded scores', String(COMPARE_DEFAULTS.seed))
    .option(
      '--resamples <n>',
      'sign-flip resamples of the permutation test',
      String(COMPARE_DEFAULTS.resamples),
    )
    .addHelpText(
      'after',
      `
With more than two runs, the runs are grouped by benchmark and, within each benchmark, every later run is
compared with the first one named (A = the first run; differences are A − B). Runs of different protocols
are refused. All comparisons of one call form one family for the Holm correction.

Examples:
  parity compare 20250101-aaaa 20250101-bbbb
  parity compare <gpt4-mmlu> <gpt4-gsm8k> <llama-mmlu> <llama-gsm8k> --json
  parity compare --a-published 0.886 --vs-published 0.887 --n 14042
  parity compare <run-id> --vs-published 88.7% --n 14042`,
    )
    .action((runIds: string[], flags: CompareFlags) => setExitCode(compareCommand(runIds, flags, io)));
}
