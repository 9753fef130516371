import type { ChatMessage, GenerateRequest, GenerationOverrides } from '../spec/index.ts';

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

/**
 * The system message of each overrides object, made once: the requests of a run then share it as one object,
 * and requests that share their first messages hash them once for their cache keys (runner/shared-prefix-hash).
 */
const systemMessages = new WeakMap<GenerationOverrides, ChatMessage>();

function systemMessage(overrides: GenerationOverrides, content: string): ChatMessage {
  const known = systemMessages.get(overrides);
  if (known?.content === content) return known;
  const message: ChatMessage = { role: 'system', content };
  systemMessages.set(overrides, message);
  return message;
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
          systemMessage(overrides, systemPrompt),
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
