import { catalogContextWindow } from '../cost/catalog-context-window.ts';
import { loadModelCatalog } from '../cost/load-catalog.ts';
import type { CallOptions, ContextWindow, LanguageModel } from '../spec/index.ts';

/**
 * The endpoint's context window: what the server itself reports (the provider's `contextWindow`: vLLM,
 * llama.cpp, Ollama, parity serve, `local:`), else the window parity's model catalog lists for a hosted API
 * model; undefined when neither knows (docs/decisions/0188-context-window-from-the-endpoint.md).
 */
export async function endpointContextWindow(options: {
  readonly model: LanguageModel;
  readonly modelSpec: string;
  readonly callOptions: CallOptions;
}): Promise<ContextWindow | undefined> {
  const reported = await options.model.contextWindow?.(options.callOptions);
  return reported ?? catalogContextWindow(loadModelCatalog(), options.modelSpec);
}
