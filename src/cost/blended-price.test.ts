import { describe, expect, it } from 'vitest';
import { blendedUsdPerMillion } from './blended-price.ts';
import { loadModelCatalog } from './load-catalog.ts';

const catalog = loadModelCatalog();

function blended(modelId: string, provider: string): string {
  const price = catalog.models
    .find((model) => model.id === modelId)
    ?.apiPrices.find((entry) => entry.provider === provider);
  if (!price) throw new Error(`no ${provider} price for ${modelId}`);
  return blendedUsdPerMillion({ price, inputShare: 0.75 }).toFixed(2);
}

describe('blendedUsdPerMillion', () => {
  it('reproduces the 3:1 blends of docs/cost.md from the catalog prices', () => {
    // GPT-4o: (3 × 2.50 + 10.00) / 4 = 4.375 → 4.38; Claude 3.5 Sonnet: (3 × 3.00 + 15.00) / 4 = 6.00
    expect(blended('gpt-4o', 'openai')).toBe('4.38');
    expect(blended('claude-3.5-sonnet', 'anthropic')).toBe('6.00');
    // Gemini 1.5 Pro (3 × 1.25 + 5) / 4 = 2.1875; Mistral Large (3 × 2 + 6) / 4 = 3; DeepSeek-V3 (3 × 0.27 + 1.10) / 4 = 0.4775
    expect(blended('gemini-1.5-pro', 'google')).toBe('2.19');
    expect(blended('mistral-large-2407', 'mistral')).toBe('3.00');
    expect(blended('deepseek-v3', 'deepseek')).toBe('0.48');
    expect(blended('llama-3.1-70b-instruct', 'together')).toBe('0.88');
    expect(blended('llama-3.1-8b-instruct', 'together')).toBe('0.18');
  });
});
