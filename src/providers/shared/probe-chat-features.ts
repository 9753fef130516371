import type {
  CallOptions,
  GenerateRequest,
  GenerateResult,
  ModelCapabilities,
} from '../../spec/language-model.ts';
import { decodeToolCalls } from '../../spec/tool-calls.ts';

/** Why a probe request failed, in one short line (the provider's message: status and server text, no key). */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

const user = [{ role: 'user' as const, content: 'Say yes.' }];

/**
 * Probes a chat-only API (Anthropic, Gemini) with four small requests through the model's own `generate`
 * (so exactly what `eval` sends): a 1-token chat request (and whether its stream carried usage), the same with
 * an assistant prefix (does the reply come back prefilled?), and with a thinking budget, and
 * one with a `get_weather` tool (does a call come back?). `reasoningAllowanceTokens`
 * is the smallest budget the API takes.
 */
export async function probeChatFeatures(options: {
  readonly generate: (request: GenerateRequest, callOptions: CallOptions) => Promise<GenerateResult>;
  readonly callOptions: CallOptions;
  readonly reasoningAllowanceTokens: number;
  /** What the API documentation says and no request tests. */
  readonly documented: Pick<ModelCapabilities, 'completions' | 'logLikelihood' | 'jsonSchemaOutput' | 'seed'>;
}): Promise<ModelCapabilities> {
  const notes: string[] = [];
  const attempt = async (name: string, request: GenerateRequest): Promise<GenerateResult | undefined> => {
    try {
      return await options.generate(request, options.callOptions);
    } catch (error) {
      notes.push(`${name}: ${reason(error)}`);
      return undefined;
    }
  };
  const chatResult = await attempt('chat', { messages: user, parameters: { maxTokens: 1 } });
  const streamedUsage =
    chatResult !== undefined &&
    (chatResult.usage.inputTokens !== undefined || chatResult.usage.outputTokens !== undefined);
  if (chatResult && !streamedUsage) notes.push('streamed usage: the stream carried no usage');
  const prefilled = await attempt('prefill', {
    messages: user,
    parameters: { maxTokens: 1 },
    assistantPrefix: 'Yes',
  });
  const prefill = prefilled?.prefillApplied === true;
  if (prefilled && !prefill) {
    notes.push(
      'prefill: the model does not take a prefilled reply; protocols with an answer prefix (mmlu.gen.5shot) run in their no-prefill form',
    );
  }
  const thinking =
    (await attempt('thinking', {
      messages: user,
      parameters: { maxTokens: 1, reasoningAllowanceTokens: options.reasoningAllowanceTokens },
    })) !== undefined;
  // Native tool calling: one tool that the question needs; supported when a call to it comes back (the same
  // request as the OpenAI probe's, src/providers/openai/openai-probe.ts).
  const toolReply = await attempt('tool calling', {
    messages: [{ role: 'user', content: 'What is the weather in Paris? Use the get_weather tool.' }],
    parameters: { maxTokens: 64 },
    tools: [
      {
        name: 'get_weather',
        description: 'Current weather in a city.',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ],
  });
  const toolCalls = (decodeToolCalls(toolReply?.text ?? '') ?? []).some(
    (call) => call.name === 'get_weather',
  );
  if (toolReply && !toolCalls) notes.push('tool calling: tools were accepted but no tool call came back');
  return {
    chat: chatResult !== undefined,
    ...options.documented,
    streamedUsage,
    prefill,
    thinking,
    toolCalls,
    notes,
  };
}
