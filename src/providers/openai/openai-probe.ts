import type OpenAI from 'openai';
import type {
  CallOptions,
  LanguageModel,
  LogLikelihoodRequest,
  LogLikelihoodResult,
  ModelCapabilities,
} from '../../spec/language-model.ts';
import { decodeToolCalls } from '../../spec/tool-calls.ts';
import { startCallDeadline } from '../shared/call-deadline.ts';
import type { OpenAIRequestProfile } from './openai-request-profile.ts';

/** Why a probe request failed, in one short line (status and the server's message, never a key). */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * Sends a handful of tiny requests (1 token each) to an OpenAI-compatible endpoint: chat (streamed, with
 * usage), `/v1/completions`, echo + logprobs, `response_format: json_schema` (strict), `seed`. A feature counts as
 * supported when the server accepts the request and answers in the documented shape; servers that silently
 * ignore a field (a seed, a schema) are reported as supporting it.
 */
export async function probeOpenAIEndpoint(options: {
  readonly client: OpenAI;
  readonly modelId: string;
  readonly chatModel: LanguageModel;
  readonly logLikelihood: (
    request: LogLikelihoodRequest,
    options: CallOptions,
  ) => Promise<LogLikelihoodResult>;
  readonly callOptions: CallOptions;
  /** What the model accepts, learned from the probe's own requests too. */
  readonly profile: OpenAIRequestProfile;
  /** Whether generation has moved to the Responses API. */
  readonly usesResponses: () => boolean;
  /** Maps SDK errors to one-line, key-free ProviderErrors. */
  readonly toError: (error: unknown) => Error;
}): Promise<ModelCapabilities> {
  const { client, modelId, callOptions } = options;
  const notes: string[] = [];
  const deadline = startCallDeadline(callOptions);
  const requestOptions = deadline.signal ? { signal: deadline.signal } : undefined;
  const user = [{ role: 'user' as const, content: 'Say yes.' }];
  const attempt = async (name: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      notes.push(`${name}: ${reason(options.toError(error))}`);
      return false;
    }
  };
  try {
    let streamedUsage = false;
    const chat = await attempt('chat', async () => {
      // 16 tokens: the Responses API's minimum; no reasoning allowance, a short answer is enough here.
      const result = await options.chatModel.generate(
        { messages: user, parameters: { maxTokens: 16, temperature: 0, reasoningAllowanceTokens: 0 } },
        callOptions,
      );
      streamedUsage = result.usage.inputTokens !== undefined || result.usage.outputTokens !== undefined;
      if ((result.reasoningCharacters ?? 0) > 0 || (result.usage.reasoningTokens ?? 0) > 0) {
        options.profile.learnReasoning();
      }
    });
    if (chat && !streamedUsage) notes.push('streamed usage: the stream carried no usage');
    const completions = await attempt('completions', () =>
      client.completions.create({ model: modelId, prompt: 'Say yes.', max_tokens: 1 }, requestOptions),
    );
    const logLikelihood =
      completions &&
      (await attempt('echo+logprobs', () =>
        options.logLikelihood({ context: 'The sky is', continuations: [' blue'] }, callOptions),
      ));
    const { profile } = options;
    const oneToken = profile.tokenField === 'max_tokens' ? { max_tokens: 1 } : { max_completion_tokens: 16 };
    const usesResponses = options.usesResponses();
    const jsonSchemaOutput = await attempt('json-schema output', () =>
      client.chat.completions.create(
        {
          model: modelId,
          messages: user,
          ...oneToken,
          response_format: {
            type: 'json_schema',
            // Strict, as jsonschemabench.structured sends it; the schema keeps to strict mode's subset.
            json_schema: {
              name: 'probe',
              schema: {
                type: 'object',
                properties: { answer: { type: 'string' } },
                required: ['answer'],
                additionalProperties: false,
              },
              strict: true,
            },
          },
        },
        requestOptions,
      ),
    );
    const seed =
      profile.sendsSeed &&
      !usesResponses &&
      (await attempt('seed', () =>
        client.chat.completions.create(
          { model: modelId, messages: user, ...oneToken, seed: 1 },
          requestOptions,
        ),
      ));
    // Native tool calling: a request with one tool that the question needs; supported when a well-formed
    // call to it comes back (platform.openai.com/docs/guides/function-calling).
    let toolCalls = false;
    if (chat && !usesResponses) {
      await attempt('tool calling', async () => {
        const result = await options.chatModel.generate(
          {
            messages: [{ role: 'user', content: 'What is the weather in Paris? Use the get_weather tool.' }],
            parameters: { maxTokens: 64, temperature: 0, reasoningAllowanceTokens: 0 },
            tools: [
              {
                name: 'get_weather',
                description: 'Current weather in a city.',
                parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
              },
            ],
          },
          callOptions,
        );
        const calls = decodeToolCalls(result.text) ?? [];
        toolCalls = calls.some((call) => call.name === 'get_weather');
        if (!toolCalls) notes.push('tool calling: tools were accepted but no tool call came back');
      });
    }
    if (usesResponses) notes.push('chat: served only by the Responses API (/v1/responses): parity uses it');
    for (const adaptation of profile.adaptations) notes.push(`adapted: ${adaptation}`);
    return {
      chat,
      completions,
      logLikelihood,
      streamedUsage,
      jsonSchemaOutput,
      seed,
      toolCalls,
      reasoning: profile.reasoning,
      adaptations: [...profile.adaptations],
      responsesApi: usesResponses,
      notes,
    };
  } finally {
    deadline.dispose();
  }
}
