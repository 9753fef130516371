import { formatPairwise, summarizePairwise } from '../../../report/pairwise-summary.ts';
import type { ItemOutcome, RunSummary, RunStore } from '../../../spec/index.ts';

/**
 * `parity show <judgment-run>`: the pairwise summary `compare --judge` printed (counts, A's win rate with its
 * exact interval, verdict at 0.05), read from the stored judgments; undefined for any other run.
 */
export function pairwiseShowText(
  store: RunStore,
  run: RunSummary & { readonly items: readonly ItemOutcome[] },
): string | undefined {
  const config = run.config.pairwise;
  if (config === undefined) return undefined;
  const model = (runId: string) => store.getSummary(runId)?.config.modelSpec ?? '(run deleted)';
  return formatPairwise(
    {
      judgmentRunId: run.runId,
      judge: run.config.modelSpec,
      config,
      a: { runId: config.runA, model: model(config.runA) },
      b: { runId: config.runB, model: model(config.runB) },
      paired: run.totalItems,
    },
    summarizePairwise(run.items, { level: 0.05 }),
  );
}
