import { loadModelCatalog } from '../cost/load-catalog.ts';
import { priceForModelSpec } from '../cost/find-catalog-model.ts';
import { requestCostUsd } from '../cost/token-cost.ts';
import type { Usage } from '../spec/index.ts';

export interface TokensPerItem {
  /** Mean input and output tokens per item (all its samples), over items whose responses reported usage. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Items the means come from. */
  readonly items: number;
  /** Mean USD per item at `modelSpec`'s list price, when the catalog has one. */
  readonly costUsd?: number;
}

/**
 * Typical tokens per item of a run's item outcomes, from the usage their responses reported; undefined when no response
 * reported usage (imported runs, servers without usage). With `modelSpec`, also the list-price cost per item
 * of that model (src/cost catalog), when it has a price.
 */
export function tokensPerItem(
  outcomes: readonly { readonly itemId: string; readonly usage?: Usage | undefined }[],
  options: { modelSpec?: string } = {},
): TokensPerItem | undefined {
  const usages: Usage[] = [];
  const itemIds = new Set<string>();
  for (const record of outcomes) {
    const usage = record.usage;
    if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) continue;
    usages.push(usage);
    itemIds.add(record.itemId);
  }
  if (usages.length === 0) return undefined;
  const items = itemIds.size;
  const inputTokens = usages.reduce((sum, usage) => sum + (usage.inputTokens ?? 0), 0) / items;
  const outputTokens = usages.reduce((sum, usage) => sum + (usage.outputTokens ?? 0), 0) / items;
  let costUsd: number | undefined;
  if (options.modelSpec) {
    try {
      const priced = priceForModelSpec(loadModelCatalog(), options.modelSpec);
      if (priced) {
        costUsd =
          usages.reduce((sum, usage) => sum + requestCostUsd({ usage, price: priced.price }), 0) / items;
      }
    } catch {
      // No readable price catalog: tokens only.
    }
  }
  return { inputTokens, outputTokens, items, ...(costUsd === undefined ? {} : { costUsd }) };
}
