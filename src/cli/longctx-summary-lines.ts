import { benchmarkFiles } from '../benchmarks/benchmark-files.ts';
import { formatLongctxSummary, summarizeLongctx } from '../benchmarks/longctx/longctx-summary.ts';
import type { ItemOutcome } from '../spec/index.ts';

/** longctx runs: the length × depth table and the effective context length, as lines; nothing for other runs. */
export function longctxSummaryLines(
  run: { readonly config: { readonly benchmark: string }; readonly items: readonly ItemOutcome[] },
  threshold: number,
): string[] {
  if (!benchmarkFiles(run.config.benchmark).generatedItems) return [];
  const summary = summarizeLongctx(
    run.items
      .filter((item) => item.status === 'ok')
      .map((item) => ({
        itemId: item.itemId,
        scores: item.scores,
        ...(item.usage?.inputTokens === undefined ? {} : { inputTokens: item.usage.inputTokens }),
      })),
    threshold,
  );
  return formatLongctxSummary(summary).split('\n');
}
