import type {
  MessageCreateParamsStreaming,
  MessageParam,
  OutputConfig,
  ThinkingConfigParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { GenerateRequest, GenerationParameters } from '../../spec/language-model.ts';
import { definedFields } from '../shared/defined-fields.ts';
import { splitStopSequences } from '../shared/stop-sequences.ts';

/**
 * Generation parameters the Messages API at the SDK's version (`anthropic-version: 2026-10-21`) cannot take:
 * its request type (`MessageCreateParamsBase`, node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts)
 * has no `temperature`, `top_p`, `top_k` or `seed`, and a server that follows the version refuses them
 * ("temperature: Extra inputs are not permitted"). The model's own sampling applies.
 */
export const anthropicFixedParameters: readonly (keyof GenerationParameters)[] = [
  'temperature',
  'topP',
  'seed',
];

/** The API refuses stop sequences without a non-whitespace character; those are applied on our side only. */
export function isServerStopSequence(stop: string): boolean {
  return /\S/.test(stop);
}

/** `thinking` for a budget: 0 turns thinking off; otherwise manual extended thinking with that budget. */
function thinkingConfig(budgetTokens: number | undefined): ThinkingConfigParam | undefined {
  if (budgetTokens === undefined) return undefined;
  return budgetTokens === 0 ? { type: 'disabled' } : { type: 'enabled', budget_tokens: budgetTokens };
}

/**
 * The Messages API body, with only what the API version defines: system messages joined into `system`; the
 * assistant prefix as a trailing assistant turn when `prefill` (without trailing whitespace, which the API
 * refuses); `stop_sequences` without whitespace-only ones (BBH's "\n\n"); `thinking` from
 * `reasoningAllowanceTokens`, whose budget is added to `max_tokens` (thinking counts toward it) so that the
 * visible answer keeps the protocol's budget; `output_config.effort` from `reasoningEffort`, as given (the API
 * takes low, medium, high, xhigh, max and says so for anything else), and `output_config.format` from
 * `responseSchema`. No sampling parameters (see
 * `anthropicFixedParameters`).
 */
export function anthropicRequestBody(
  request: GenerateRequest,
  options: { modelId: string; defaultMaxTokens: number; prefill: boolean },
): MessageCreateParamsStreaming {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content);
  const messages: MessageParam[] = request.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content }));
  const prefix = options.prefill ? request.assistantPrefix?.trimEnd() : undefined;
  if (prefix) messages.push({ role: 'assistant', content: prefix });
  const parameters = request.parameters;
  const thinking = thinkingConfig(parameters.reasoningAllowanceTokens);
  const answerTokens = parameters.maxTokens ?? options.defaultMaxTokens;
  const thinkingTokens = thinking?.type === 'enabled' ? thinking.budget_tokens : 0;
  const stops = splitStopSequences(parameters.stop, { serverLimit: Number.POSITIVE_INFINITY }).server;
  const serverStops = stops?.filter(isServerStopSequence);
  return {
    model: options.modelId,
    max_tokens: answerTokens + thinkingTokens,
    messages,
    stream: true,
    ...definedFields({
      system: system.length > 0 ? system.join('\n\n') : undefined,
      stop_sequences: serverStops && serverStops.length > 0 ? serverStops : undefined,
      thinking,
      tools: anthropicTools(request),
      output_config: outputConfig(request),
    }),
  };
}

/**
 * `output_config`: `effort` from `reasoningEffort`, and `format` (Structured Outputs, `{type: 'json_schema',
 * schema}`: the reply is JSON following the schema, as text) from `responseSchema`.
 */
function outputConfig(request: GenerateRequest): OutputConfig | undefined {
  const effort = request.parameters.reasoningEffort as OutputConfig['effort'] | undefined;
  const schema = request.responseSchema?.schema;
  if (effort === undefined && schema === undefined) return undefined;
  return definedFields({
    effort,
    format:
      schema === undefined
        ? undefined
        : { type: 'json_schema' as const, schema: schema as Record<string, unknown> },
  }) as OutputConfig;
}

/**
 * `GenerateRequest.tools` as Messages API client tools `{name, description, input_schema}` (`Tool`,
 * node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts; docs.anthropic.com "Tool use with Claude",
 * "Specifying client tools"). The parameters are already JSON Schema objects (BFCL's "dict" → "object" is done
 * by the benchmark, as for the OpenAI path), so they go out as they are.
 */
function anthropicTools(request: GenerateRequest): Tool[] | undefined {
  if (request.tools === undefined || request.tools.length === 0) return undefined;
  return request.tools.map((tool) => ({
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    input_schema: { type: 'object', ...tool.parameters } as Tool.InputSchema,
  }));
}

/** Whether the request would end in a prefilled assistant turn. */
export function wantsPrefill(request: GenerateRequest): boolean {
  return Boolean(request.assistantPrefix?.trimEnd());
}
