import type { Hash } from 'node:crypto';
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
  const { messages } = input.request;
  // The hashed text is the canonical JSON of one object with the keys named below, written in three parts so
  // that requests sharing their first messages (few-shot turns) hash those once: the keys sorting before
  // "messages", the messages, the keys sorting after it. The text, and so the key, is the same as written whole.
  const count = messages.length;
  const hash = sharedPrefixHash(headText(input), messages, Math.max(count - 1, 0), writeMessage);
  if (count > 0) writeMessage(hash, messages, count - 1);
  return hash.update(tailText(input)).digest('hex');
}

/** Feeds the canonical JSON of `messages[index]`'s role and content to `hash`. */
function writeMessage(hash: Hash, messages: readonly ChatMessage[], index: number): void {
  const { role, content } = messages[index] as ChatMessage;
  // Stryker disable next-line StringLiteral: a typeof that never matches leaves the message to canonicalJson, which writes the same text
  if (typeof content === 'string' && typeof role === 'string') {
    // What canonicalJson writes for two strings, in pieces: the prompt is not copied into one more string.
    hash
      .update('{"content":')
      .update(JSON.stringify(content))
      .update(`,"role":${JSON.stringify(role)}}`);
  } else {
    hash.update(canonicalJson({ role, content }, `value.messages[${index}]`));
  }
}

/** The head text of the last request written, with the values it was written from. */
interface WrittenHead {
  readonly assistantPrefix: string | undefined;
  readonly endpoint: string | undefined;
  readonly text: string;
}

/** The tail text of the last request written, with the values it was written from (`stop` as a copy). */
interface WrittenTail {
  readonly modelId: string;
  readonly provider: string;
  readonly sample: number | undefined;
  readonly temperature: number | undefined;
  readonly topP: number | undefined;
  readonly maxTokens: number | undefined;
  readonly seed: number | undefined;
  readonly reasoningEffort: string | undefined;
  readonly reasoningAllowanceTokens: number | undefined;
  readonly stop: readonly string[] | undefined;
  readonly text: string;
}

let lastHead: WrittenHead | undefined;
let lastTail: WrittenTail | undefined;

/** Equal stop lists: both absent, or the same strings in order (an array can change in place, so a copy is kept). */
function sameStop(kept: readonly string[] | undefined, stop: readonly string[] | undefined): boolean {
  if (kept === undefined || stop === undefined) return kept === stop;
  if (kept.length !== stop.length) return false;
  for (let index = 0; index < stop.length; index += 1) if (kept[index] !== stop[index]) return false;
  return true;
}

/** `{`, the keys before "messages" with a comma after them (none when all are undefined), `"messages":[`. */
function headText(input: ResponseCacheKeyInput): string {
  const { request, model } = input;
  // Strings or undefined (from a typed caller): equal values, equal text. Compared field by field, with no
  // array of them made per request.
  const reusable = input.logLikelihood === undefined;
  if (
    reusable &&
    lastHead !== undefined &&
    lastHead.assistantPrefix === request.assistantPrefix &&
    lastHead.endpoint === model.endpoint
  )
    return lastHead.text;
  const before = canonicalJson({
    assistantPrefix: request.assistantPrefix,
    endpoint: model.endpoint,
    logLikelihood:
      input.logLikelihood === undefined
        ? undefined
        : { context: input.logLikelihood.context, continuations: [...input.logLikelihood.continuations] },
  });
  const text = `${before.length > 2 ? `${before.slice(0, -1)},` : '{'}"messages":[`;
  if (reusable) lastHead = { assistantPrefix: request.assistantPrefix, endpoint: model.endpoint, text };
  return text;
}

/** `],` and the keys after "messages" (there is always "parameters"), `}`. */
function tailText(input: ResponseCacheKeyInput): string {
  const { request, model } = input;
  // Pick each field by name: extra properties an object may carry at run time (an apiKey on a wider object)
  // never reach the hash.
  const { parameters, responseSchema, tools } = request;
  // Stryker disable next-line ConditionalExpression: an undefined sample already maps to undefined (undefined !== 0 keeps it)
  const sample = input.sample === undefined || input.sample === 0 ? undefined : input.sample;
  const { stop } = parameters;
  // Numbers, strings or undefined (from a typed caller): equal values, equal text. A schema or tools are objects
  // that could change between two requests: their text is written each time.
  const reusable = responseSchema === undefined && tools === undefined;
  const kept = lastTail;
  if (
    reusable &&
    kept !== undefined &&
    kept.modelId === model.modelId &&
    kept.provider === model.provider &&
    kept.sample === sample &&
    kept.temperature === parameters.temperature &&
    kept.topP === parameters.topP &&
    kept.maxTokens === parameters.maxTokens &&
    kept.seed === parameters.seed &&
    kept.reasoningEffort === parameters.reasoningEffort &&
    kept.reasoningAllowanceTokens === parameters.reasoningAllowanceTokens &&
    sameStop(kept.stop, stop)
  )
    return kept.text;
  const after = canonicalJson({
    modelId: model.modelId,
    parameters: {
      temperature: parameters.temperature,
      topP: parameters.topP,
      maxTokens: parameters.maxTokens,
      stop,
      seed: parameters.seed,
      reasoningEffort: parameters.reasoningEffort,
      reasoningAllowanceTokens: parameters.reasoningAllowanceTokens,
    },
    provider: model.provider,
    responseSchema,
    tools: tools?.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
    sample,
  });
  const text = `],${after.slice(1)}`;
  if (reusable) {
    lastTail = {
      modelId: model.modelId,
      provider: model.provider,
      sample,
      temperature: parameters.temperature,
      topP: parameters.topP,
      maxTokens: parameters.maxTokens,
      seed: parameters.seed,
      reasoningEffort: parameters.reasoningEffort,
      reasoningAllowanceTokens: parameters.reasoningAllowanceTokens,
      stop: stop === undefined ? undefined : [...stop],
      text,
    };
  }
  return text;
}
