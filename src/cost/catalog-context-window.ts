import type { ContextWindow } from '../spec/language-model.ts';
import type { ModelCatalog } from './catalog-types.ts';
import { priceForModelSpec } from './find-catalog-model.ts';

/**
 * The context window parity's model catalog lists for a hosted API model (`openai:gpt-4o`,
 * `anthropic:claude-…`, `gemini:…`): only when the catalog has the spec's own provider among the model's API
 * prices, so a self-hosted server (`vllm:`, `ollama:`, …) never gets a model's published length it may not
 * serve. Undefined otherwise.
 */
export function catalogContextWindow(catalog: ModelCatalog, modelSpec: string): ContextWindow | undefined {
  const found = priceForModelSpec(catalog, modelSpec);
  if (!found) return undefined;
  return {
    tokens: found.model.contextTokens,
    source: `parity's model catalog (${found.model.id}, as of ${found.model.factsAsOf})`,
  };
}
