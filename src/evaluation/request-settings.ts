import type { GenerateRequest, GenerationOverrides } from '../spec/index.ts';

/** What a run replaces in the protocol's requests (`--temperature`, `--top-p`, `--reasoning-allowance`). */
export interface SamplingSettings {
  readonly temperature?: number;
  readonly topP?: number;
  readonly reasoningAllowanceTokens?: number;
}

/** The request with the run's sampling settings in place of the protocol's; the same request when none is set. */
export function withSampling(request: GenerateRequest, sampling: SamplingSettings): GenerateRequest {
  const { temperature, topP, reasoningAllowanceTokens } = sampling;
  if (temperature === undefined && topP === undefined && reasoningAllowanceTokens === undefined)
    return request;
  return {
    ...request,
    parameters: {
      ...request.parameters,
      ...(temperature === undefined ? {} : { temperature }),
      ...(topP === undefined ? {} : { topP }),
      ...(reasoningAllowanceTokens === undefined ? {} : { reasoningAllowanceTokens }),
    },
  };
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
