import { runProtocol } from '../../../benchmarks/registry.ts';
import type { MeasuredScore } from '../../../cost/quality.ts';
import type { MeasuredRuns } from '../../../analysis/recommend/recommendation.ts';
import type { MeasuredRun } from '../../../analysis/recommend/quality-ties.ts';
import type { ModelRun } from '../../../analysis/recommend/routing-curves.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { storePath } from '../../paths.ts';
import { readRunOutcomes } from '../../run-summary.ts';

/** Per-item outcomes of the eval runs behind `measuredFromRuns`' scores, for paired tests and routing curves. */
export function loadMeasuredRuns(options: {
  io: CliIo;
  store?: string;
  scores: readonly MeasuredScore[];
}): MeasuredRuns {
  const byRunId = new Map<string, MeasuredRun>();
  const modelRuns: ModelRun[] = [];
  if (options.scores.length === 0) return { byRunId, modelRuns };
  const path = storePath(options.io, options.store);
  const store = openRunStore(options.io, { store: options.store, allowReadOnly: true });
  try {
    for (const score of options.scores) {
      const run = readRunOutcomes(store, score.runId, path);
      const metric = runProtocol(run.config).metrics[0];
      if (!metric) continue;
      const measured = { run, metric };
      byRunId.set(score.runId, measured);
      modelRuns.push({ ...measured, model: score.model, value: score.value });
    }
  } finally {
    store.close();
  }
  return { byRunId, modelRuns };
}
