import type { GenerationParameters, LanguageModel } from '../spec/index.ts';

/**
 * The generation parameters a run's requests set that the model's API cannot take (`LanguageModel.
 * fixedParameters`, e.g. Anthropic's temperature): the protocol then runs with the provider's own values, which
 * the run records (`RunConfig.providerFixed`) and the score table shows beside the protocol.
 */
export function providerFixedParameters(
  model: LanguageModel,
  parameters: GenerationParameters | undefined,
): string[] {
  if (!parameters) return [];
  return (model.fixedParameters ?? []).filter((name) => parameters[name] !== undefined);
}
