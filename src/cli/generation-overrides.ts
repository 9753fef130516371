import type { GenerationOverrides } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { parseWholeNumber } from './parse-options.ts';

export interface GenerationOverrideFlags {
  readonly maxTokens?: string;
  readonly systemPrompt?: string;
  readonly reasoningEffort?: string;
}

/** `--max-tokens`, `--system-prompt`, `--reasoning-effort`; undefined when none is given. */
export function parseGenerationOverrides(flags: GenerationOverrideFlags): GenerationOverrides | undefined {
  const maxTokens = parseWholeNumber('--max-tokens', flags.maxTokens);
  const effort = flags.reasoningEffort?.trim();
  if (effort !== undefined && !/^[a-z]+$/.test(effort)) {
    throw new InputError(`expected a level such as low, medium or high, got '${flags.reasoningEffort}'`, {
      location: '--reasoning-effort',
    });
  }
  const overrides: GenerationOverrides = {
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(flags.systemPrompt === undefined ? {} : { systemPrompt: flags.systemPrompt }),
    ...(effort === undefined ? {} : { reasoningEffort: effort }),
  };
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}
