import type { ChatMessage, GenerateRequest, LogLikelihoodRequest, ModelIdentity } from '../spec/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { sharedPrefixHash } from './shared-prefix-hash.ts';

export interface ResponseCacheKeyInput {
  /** Provider, endpoint and model id; a ModelIdentity never holds a secret. */
  readonly model: ModelIdentity;
  readonly request: GenerateRequest;
  /**
   * Sample index for repeated sampling (pass@k). Give it when several samples of one request must not share a
   * cache entry; 0 or undefined leaves the key exactly as without it.
   */
  readonly sample?: number;
  /** For log-likelihood requests: its context and continuations are part of the key (absent: key unchanged). */
  readonly logLikelihood?: LogLikelihoodRequest;
}

/**
 * Key of a response in the cache: the sha256 (lowercase hex, 64 characters) of the canonical JSON of exactly
 * what can change the output — provider, endpoint, model id, messages, generation parameters, the assistant
 * prefix, the response schema and the tools offered (plus the sample index when above 0). Timeouts, retries, keys and headers are not part of it, so
 * changing them never invalidates the cache, and no secret can end up in a key.
 */
export function responseCacheKey(input: ResponseCacheKeyInput): string {
  const { model, request } = input;
  // Pick each field by name: extra properties an object may carry at run time (an apiKey on a wider object)
  // never reach the hash.
  const parameters = request.parameters;
  // The hashed text is the canonical JSON of one object with the keys below, written in three parts so that
  // requests sharing their first messages (few-shot turns) hash those once: the keys sorting before "messages",
  // the messages, the keys sorting after it. The text, and so the key, is the same as written whole.
  const before = canonicalJson({
    assistantPrefix: request.assistantPrefix,
    endpoint: model.endpoint,
    logLikelihood:
      input.logLikelihood === undefined
        ? undefined
        : { context: input.logLikelihood.context, continuations: [...input.logLikelihood.continuations] },
  });
  const { messages } = request;
  const messageText = (index: number): string => {
    const message = messages[index] as ChatMessage;
    return canonicalJson({ role: message.role, content: message.content }, `value.messages[${index}]`);
  };
  // `{` and the keys before "messages" with a comma after them (none when all were undefined).
  const head = `${before.length > 2 ? `${before.slice(0, -1)},` : '{'}"messages":[`;
  const count = messages.length;
  const hash = sharedPrefixHash(head, messages, Math.max(count - 1, 0), messageText);
  if (count > 0) hash.update(messageText(count - 1));
  const after = canonicalJson({
    modelId: model.modelId,
    parameters: {
      temperature: parameters.temperature,
      topP: parameters.topP,
      maxTokens: parameters.maxTokens,
      stop: parameters.stop,
      seed: parameters.seed,
      reasoningEffort: parameters.reasoningEffort,
      reasoningAllowanceTokens: parameters.reasoningAllowanceTokens,
    },
    provider: model.provider,
    responseSchema: request.responseSchema,
    tools: request.tools?.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
    // Stryker disable next-line ConditionalExpression: an undefined sample already maps to undefined (undefined !== 0 keeps it)
    sample: input.sample === undefined || input.sample === 0 ? undefined : input.sample,
  });
  // `after` always holds "parameters": its text goes on after the messages' closing bracket and a comma.
  return hash.update(`],${after.slice(1)}`).digest('hex');
}
