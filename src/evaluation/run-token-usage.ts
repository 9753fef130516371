import { loadModelCatalog } from '../cost/load-catalog.ts';
import { priceForModelSpec } from '../cost/find-catalog-model.ts';
import { requestCostUsd } from '../cost/token-cost.ts';
import type { Usage } from '../spec/index.ts';
import { groupThousands } from './group-thousands.ts';

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

/**
 * `tokens: 1,234 input (200 cached), 567 output (120 reasoning), over 12 answered items` from the usage the
 * server reported; a count no response reported is left out (never shown as 0). Undefined when no answered
 * item reported usage.
 */
export function tokenTotalsLine(
  items: readonly { readonly status: string; readonly usage?: Usage | undefined }[],
): string | undefined {
  const usages = items.flatMap((item) => (item.status === 'ok' && item.usage ? [item.usage] : []));
  const total = (field: keyof Usage): number | undefined => {
    const values = usages.map((usage) => usage[field]).filter((value) => value !== undefined);
    return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
  };
  const input = total('inputTokens');
  const output = total('outputTokens');
  if (input === undefined && output === undefined) return undefined;
  const number = (value: number) => groupThousands(value);
  const cached = total('cachedInputTokens');
  const reasoning = total('reasoningTokens');
  const parts = [
    ...(input === undefined ? [] : [`${number(input)} input${cached ? ` (${number(cached)} cached)` : ''}`]),
    ...(output === undefined
      ? []
      : [`${number(output)} output${reasoning ? ` (${number(reasoning)} reasoning)` : ''}`]),
  ];
  return `tokens: ${parts.join(', ')}, over ${usages.length} answered items`;
}
