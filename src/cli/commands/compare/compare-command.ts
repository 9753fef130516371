import { runProtocol } from '../../../benchmarks/registry.ts';
import { compareReportJson } from '../../../report/compare-report-json.ts';
import {
  compareRuns,
  comparePublished,
  decideComparisons,
  type ClusterChoice,
  type Comparison,
  type PairableRun,
} from '../../../analysis/compare-runs.ts';
import { formatComparisonTable, formatMarginSummary } from '../../../report/format-comparison-table.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { RunStore, StoredRun } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import type { PairwiseFlags } from './pairwise-options.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import { storePath } from '../../paths.ts';
import { assertEquivalenceGateHasMargin, failedEquivalence } from './equivalence-gate.ts';
import { COMPARE_DEFAULTS } from '../../options/defaults.ts';
import { parseFraction, parseLevel, parseMarginFlags } from '../../options/comparison-options.ts';

export interface CompareFlags extends PairwiseFlags {
  readonly json?: boolean;
  readonly store?: string;
  readonly level?: string;
  readonly aPublished?: string;
  readonly vsPublished?: string;
  readonly n?: string;
  readonly nB?: string;
  readonly cluster?: string;
  readonly margin?: string;
  readonly marginRelative?: string;
  readonly nonInferiority?: boolean;
  readonly allowMismatchedItems?: boolean;
  readonly failUnlessEquivalent?: boolean;
}

/** A stored run with its item fingerprints, as `compareRuns` pairs it. */
function pairable(store: RunStore, run: StoredRun): PairableRun {
  const fingerprints = store.getFingerprints?.(run.runId);
  return fingerprints ? { ...run, fingerprints: fingerprints.items } : run;
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
  const store = openRunStore(io, { store: path, allowReadOnly: true });
  try {
    const run = loadRun(store, runIds[0] ?? '', path);
    const protocol = runProtocol(run.config);
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
  const path = storePath(io, flags.store);
  const store = openRunStore(io, { store: path, allowReadOnly: true });
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
      const protocol = runProtocol(first.config);
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
        const comparison = compareRuns({
          a: pairable(store, first),
          b: pairable(store, other),
          metric,
          cluster,
          allowMismatchedItems: flags.allowMismatchedItems === true,
        });
        if (comparison.nPaired === 0) {
          throw new InputError(
            comparison.mismatchedItems > 0
              ? `runs ${first.runId} and ${other.runId} have no identical scored item: all ${comparison.mismatchedItems} shared ids differ in content`
              : `runs ${first.runId} and ${other.runId} have no scored item in common`,
          );
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
  if (flags.rubric !== undefined) throw new InputError('--rubric needs --judge', { location: '--rubric' });
  const published = flags.vsPublished !== undefined || flags.aPublished !== undefined;
  if (flags.aPublished !== undefined && flags.vsPublished === undefined) {
    throw new InputError('--a-published needs --vs-published and --n', { location: '--a-published' });
  }
  const comparisons = published
    ? publishedComparisons(runIds, flags, io)
    : pairedComparisons(runIds, flags, io);
  assertEquivalenceGateHasMargin(flags);
  const margin = parseMarginFlags(flags);
  const decided = decideComparisons(comparisons, { level, ...(margin ? { margin } : {}) });
  if (flags.json) {
    io.stdout(`${JSON.stringify(compareReportJson(decided, { level }), null, 2)}\n`);
  } else {
    io.stdout(`${formatComparisonTable(decided, { level })}\n`);
    if (decided.length > 1) {
      io.stdout(
        `\nHolm correction across the ${decided.length} comparisons above${margin ? ' (one family for the difference tests, one for the margin tests)' : ''}; each interval is at its comparison's Holm level.\n`,
      );
    }
    const summary = formatMarginSummary(decided);
    if (summary) io.stdout(`${summary}\n`);
  }
  const gateFailures = flags.failUnlessEquivalent ? failedEquivalence(decided) : [];
  for (const failure of gateFailures) io.stderr(`${failure}\n`);
  return gateFailures.length > 0 ? 1 : 0;
}
