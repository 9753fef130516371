import type { GenerateRequest, GenerationOverrides } from '../spec/index.ts';
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

/** The request with the overrides applied: budget and effort replaced, the system message replaced or added. */
export function applyGenerationOverrides(
  request: GenerateRequest,
  overrides: GenerationOverrides | undefined,
): GenerateRequest {
  if (!overrides) return request;
  const { maxTokens, systemPrompt, reasoningEffort } = overrides;
  const messages =
    systemPrompt === undefined
      ? request.messages
      : [
          { role: 'system' as const, content: systemPrompt },
          ...request.messages.filter((message) => message.role !== 'system'),
        ];
  return {
    ...request,
    messages,
    parameters: {
      ...request.parameters,
      ...(maxTokens === undefined ? {} : { maxTokens }),
      ...(reasoningEffort === undefined ? {} : { reasoningEffort }),
    },
  };
}

/** ` [changed: max-tokens 64, system prompt, reasoning-effort low]`, or '' without overrides. */
export function generationOverridesLabel(overrides: GenerationOverrides | undefined): string {
  if (!overrides) return '';
  const parts = [
    ...(overrides.maxTokens === undefined ? [] : [`max-tokens ${overrides.maxTokens}`]),
    ...(overrides.systemPrompt === undefined ? [] : ['system prompt']),
    ...(overrides.reasoningEffort === undefined ? [] : [`reasoning-effort ${overrides.reasoningEffort}`]),
  ];
  return parts.length > 0 ? ` [changed: ${parts.join(', ')}]` : '';
}
