import { openRunStore } from '../open-run-store.ts';
import type { RunSummary } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';

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
    created_at: run.createdAt,
  };
}

/** `parity runs`: every stored run, newest first. */
export function runsCommand(flags: { store?: string; json?: boolean }, io: CliIo): number {
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    const runs = store.listRuns();
    if (flags.json) {
      io.stdout(`${JSON.stringify(runs.map(runSummaryJson), null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      io.stdout("no runs yet: start one with 'parity eval' or 'parity demo'\n");
      return 0;
    }
    const rows = runs.map((run) => [
      run.runId,
      run.status,
      `${run.doneItems}/${run.totalItems}`,
      run.config.protocol,
      run.config.modelSpec,
      run.createdAt,
    ]);
    const header = ['run', 'status', 'done', 'protocol', 'model', 'created'];
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
  } finally {
    store.close();
  }
}
