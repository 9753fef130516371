import type { RunStatus, RunSummary } from '../../../spec/index.ts';
import { StoreError } from '../../../store/store-error.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';

/** The `parity runs --json` shape (docs/cli.md). */
export function runSummaryJson(run: RunSummary): Record<string, unknown> {
  return {
    run_id: run.runId,
    kind: run.kind,
    model: run.config.modelSpec,
    benchmark: run.config.benchmark,
    protocol: run.config.protocol,
    status: run.status,
    n_done: run.doneItems,
    n_total: run.totalItems,
    labels: run.labels ?? [],
    created_at: run.createdAt,
  };
}

export interface RunsFlags {
  readonly store?: string;
  readonly json?: boolean;
  readonly benchmark?: string;
  readonly model?: string;
  readonly status?: RunStatus;
  readonly label?: string;
}

/**
 * Whether a run passes every filter given: benchmark (exact id), model (part of the model spec, so that
 * `--model gpt-4o` finds `openai:gpt-4o-mini` too), status (exact) and label (one of the run's labels).
 */
export function runMatches(run: RunSummary, flags: RunsFlags): boolean {
  return (
    (flags.benchmark === undefined || run.config.benchmark === flags.benchmark) &&
    (flags.model === undefined || run.config.modelSpec.includes(flags.model)) &&
    (flags.status === undefined || run.status === flags.status) &&
    (flags.label === undefined || (run.labels ?? []).includes(flags.label))
  );
}

/** `parity runs`: stored runs that pass the filters, newest first. Never creates a store. */
export function runsCommand(flags: RunsFlags, io: CliIo): number {
  let runs: RunSummary[];
  try {
    const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
    try {
      runs = store.listRuns().filter((run) => runMatches(run, flags));
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof StoreError && error.problem === 'missing')) throw error;
    runs = [];
  }
  if (flags.json) {
    io.stdout(`${JSON.stringify(runs.map(runSummaryJson), null, 2)}\n`);
    return 0;
  }
  if (runs.length === 0) {
    const filtered = [flags.benchmark, flags.model, flags.status, flags.label].some((flag) => flag);
    io.stdout(
      filtered
        ? 'no runs match these filters\n'
        : "no runs yet: start one with 'parity eval' or 'parity demo'\n",
    );
    return 0;
  }
  const rows = runs.map((run) => [
    run.runId,
    run.status,
    `${run.doneItems}/${run.totalItems}`,
    run.config.protocol,
    run.config.modelSpec,
    run.createdAt,
    (run.labels ?? []).join(', '),
  ]);
  const header = ['run', 'status', 'done', 'protocol', 'model', 'created', 'labels'];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...rows]) {
    io.stdout(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
  return 0;
}
