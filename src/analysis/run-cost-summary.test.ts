import { describe, expect, it } from 'vitest';
import { loadModelCatalog } from '../cost/load-catalog.ts';
import type { ItemRecord, StoredRun } from '../spec/index.ts';
import { runCostSummary, runCostUsd } from './run-cost-summary.ts';

const catalog = loadModelCatalog();

function storedRun(
  modelSpec: string,
  usages: readonly ({ inputTokens: number; outputTokens: number } | undefined)[],
) {
  const items = usages.map(
    (usage, index) =>
      ({
        itemId: String(index),
        sample: 0,
        status: usage ? 'ok' : 'error',
        cached: index === 0,
        scores: {},
        extracted: null,
        ...(usage ? { response: { usage } } : {}),
      }) as unknown as ItemRecord,
  );
  return { config: { modelSpec }, items } as unknown as StoredRun;
}

describe('runCostUsd and runCostSummary (one computation)', () => {
  it('prices the ok items of a stored run as runCostSummary does, cached ones included', () => {
    const run = storedRun('openai:gpt-4o', [
      { inputTokens: 1_000_000, outputTokens: 0 },
      { inputTokens: 0, outputTokens: 1_000_000 },
      undefined,
    ]);
    const summary = runCostSummary({
      modelSpec: 'openai:gpt-4o',
      items: run.items.map((item) => ({
        status: item.status,
        cached: item.cached,
        usage: item.response?.usage,
      })),
      catalog,
    });
    expect(summary?.cost.requests).toBe(2);
    expect(summary?.cachedItems).toBe(1);
    // OpenAI's list price for gpt-4o: $2.50 per million input tokens, $10.00 per million output tokens
    // (openai.com/api/pricing): one million of each is $12.50, whatever the catalog code computes.
    expect(runCostUsd({ run, catalog })).toBeCloseTo(12.5, 9);
    expect(summary?.cost.costUsd).toBeCloseTo(12.5, 9);
  });

  it('is undefined without a catalog price or without any reported usage', () => {
    expect(
      runCostUsd({ run: storedRun('local:/m.gguf', [{ inputTokens: 5, outputTokens: 5 }]), catalog }),
    ).toBe(undefined);
    expect(runCostUsd({ run: storedRun('openai:gpt-4o', [undefined]), catalog })).toBe(undefined);
  });
});
