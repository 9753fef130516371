import type { GenerationParameters, LanguageModel, RunStore } from '../../../spec/index.ts';
import { providerFixedParameters } from '../../../report/provider-fixed-parameters.ts';
import type { RunScores } from '../../run-summary.ts';

/** The sampling flags a user can give, by generation parameter. */
const flagNames: Partial<Record<keyof GenerationParameters, string>> = {
  temperature: '--temperature',
  topP: '--top-p',
};

/**
 * One line for each sampling flag the user gave that the model's API cannot take (a reasoning model that
 * takes only its default sampling, Anthropic's current API): the run goes on with the provider's sampling,
 * recorded in the run and shown beside the score (decision 0100), but the user hears it now, not only there.
 * Empty when every flag given is applied.
 */
export function unappliedSamplingWarnings(options: {
  modelSpec: string;
  providerFixed: readonly string[];
  sampling: { temperature?: number; topP?: number };
  learned?: boolean;
}): string[] {
  const lines: string[] = [];
  for (const [name, flag] of Object.entries(flagNames)) {
    const value = options.sampling[name as 'temperature' | 'topP'];
    if (value === undefined || !options.providerFixed.includes(name)) continue;
    const why = options.learned ? 'refused it during the run' : 'fixes its sampling';
    lines.push(
      `warning: ${options.modelSpec} ${why}: ${flag} ${value} is not applied (the provider's sampling is used; recorded beside the score)`,
    );
  }
  return lines;
}

/**
 * After a run: the parameters the model learned it cannot take during the run (a 400 that refused them, e.g.
 * "Only the default (1) value is supported"), added to the run's `providerFixed` with a history entry, so the
 * score shows them like those known up front. Returns the scores with the updated config and the parameters
 * newly found (empty when nothing changed).
 */
export function recordLearnedProviderFixed(options: {
  store: RunStore;
  model: LanguageModel;
  parameters: GenerationParameters | undefined;
  scores: RunScores;
  at: string;
}): { scores: RunScores; learned: string[] } {
  const config = options.scores.run.config;
  const before = config.providerFixed ?? [];
  const now = providerFixedParameters(options.model, options.parameters);
  const learned = now.filter((name) => !before.includes(name));
  if (learned.length === 0) return { scores: options.scores, learned };
  const providerFixed = [...before, ...learned];
  const updated = { ...config, providerFixed };
  options.store.changeConfig(options.scores.run.runId, {
    config: updated,
    change: {
      at: options.at,
      command: 'eval',
      changed: { providerFixed: { from: before, to: providerFixed } },
    },
  });
  return {
    scores: { ...options.scores, run: { ...options.scores.run, config: updated } },
    learned,
  };
}
