import type { CallOptions, LanguageModel, ModelCapabilities } from '../spec/language-model.ts';
import type { AnyProviderDescriptor } from './registry.ts';

/** What `parity probe` reports: the capabilities, and whether requests to the endpoint found them. */
export interface ProbedCapabilities {
  readonly capabilities: ModelCapabilities;
  /** False when they come from the provider's registry entry (its documentation), without a request. */
  readonly probed: boolean;
}

/**
 * Asks the provider what a model can do: its model's `probe` (a few small requests) when it has one, else the
 * capabilities its registry entry documents (the embedded `local:` engine answers without a request).
 */
export async function probeProvider(
  provider: AnyProviderDescriptor,
  model: LanguageModel,
  callOptions: CallOptions,
): Promise<ProbedCapabilities> {
  if (model.probe) return { capabilities: await model.probe(callOptions), probed: true };
  return { capabilities: provider.capabilities, probed: false };
}
