import { runProtocol } from '../benchmarks/registry.ts';
import { COMPARE_DEFAULTS } from '../cli/options/defaults.ts';
import { compareReportJson, type ComparisonJson } from '../report/compare-report-json.ts';
import {
  compareRuns,
  decideComparisons,
  type ClusterChoice,
  type Comparison,
  type MarginOptions,
} from '../analysis/compare-runs.ts';
import type { RunStore, StoredRun } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';

export interface CompareOptions {
  /** The store holding the runs (`openStore`). */
  readonly store: RunStore;
  /**
   * Run ids of one benchmark and protocol: every later run is compared with the first (A; differences are
   * A − B), as `parity compare A B C`.
   */
  readonly runs: readonly string[];
  /** Significance level of the verdicts, after Holm correction across the comparisons. Default 0.05. */
  readonly level?: number;
  /**
   * Equivalence margin: `{ points: 2 }` (percentage points for accuracies, raw units for graded scores) or
   * `{ relative: 0.02 }` (2% of A's score); with `nonInferiority: true`, "B is not worse than A by more than it".
   */
  readonly margin?: MarginOptions;
  /** Independent unit of the difference's interval: 'item' (default) or 'group' (MMLU subject, …). */
  readonly cluster?: ClusterChoice;
  /** Pair only items whose content is identical in both runs instead of refusing runs that differ. */
  readonly allowMismatchedItems?: boolean;
}

/** The result of `compare`: the `parity compare --json` shape (docs/cli.md). */
export interface CompareReport {
  readonly level: number;
  readonly comparisons: ComparisonJson[];
}

function loadRun(store: RunStore, runId: string): StoredRun {
  const run = store.getRun(runId);
  if (!run) throw new InputError(`no run '${runId}' in the store`, { location: 'runs' });
  if (run.kind !== 'eval') throw new InputError(`run ${runId} is a ${run.kind} run, not an evaluation`);
  return run;
}

/**
 * Is the gap between stored runs real, or is B as good as A? The statistics `parity compare` uses
 * (docs/statistics.md): paired by item, exact McNemar for 0/1 scores and paired t for graded ones, Holm-corrected
 * verdicts, and with a margin an equivalence or non-inferiority verdict.
 */
export function compare(options: CompareOptions): CompareReport {
  const { store } = options;
  const level = options.level ?? COMPARE_DEFAULTS.level;
  if (!(level > 0 && level < 1)) {
    throw new InputError(`expected a significance level between 0 and 1, got ${level}`, {
      location: 'level',
    });
  }
  const [first, ...others] = options.runs.map((runId) => loadRun(store, runId));
  if (!first || others.length === 0) throw new InputError('name at least two runs', { location: 'runs' });
  // Task runs rebuild their protocol from the stored task definition (decision 0190).
  const protocol = runProtocol(first.config);
  const metric = protocol.metrics[0];
  if (!metric) throw new InputError(`protocol ${protocol.id} has no metric`);
  const comparisons: Comparison[] = others.map((other) => {
    if (
      other.config.protocol !== first.config.protocol ||
      other.config.protocolVersion !== first.config.protocolVersion
    ) {
      throw new InputError(
        `run ${other.runId} used ${other.config.protocol} v${other.config.protocolVersion} but run ${first.runId} used ${first.config.protocol} v${first.config.protocolVersion}: runs of different protocols are not comparable`,
        { location: 'runs' },
      );
    }
    const comparison = compareRuns({
      a: withFingerprints(store, first),
      b: withFingerprints(store, other),
      metric,
      cluster: options.cluster ?? 'item',
      allowMismatchedItems: options.allowMismatchedItems === true,
    });
    if (comparison.nPaired === 0) {
      throw new InputError(`runs ${first.runId} and ${other.runId} have no identical scored item in common`);
    }
    return comparison;
  });
  const decided = decideComparisons(comparisons, {
    level,
    ...(options.margin ? { margin: options.margin } : {}),
  });
  return compareReportJson(decided, { level });
}

function withFingerprints(
  store: RunStore,
  run: StoredRun,
): StoredRun & { fingerprints?: ReadonlyMap<string, string> } {
  const fingerprints = store.getFingerprints?.(run.runId);
  return fingerprints ? { ...run, fingerprints: fingerprints.items } : run;
}
