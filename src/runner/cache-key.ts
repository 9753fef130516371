import { createHash } from 'node:crypto';
import type { GenerateRequest, LogLikelihoodRequest, ModelIdentity } from '../spec/index.ts';
import { canonicalJson } from './canonical-json.ts';

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
  const canonical = plainCanonicalJson(input) ?? generalCanonicalJson(input);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What canonicalJson writes exactly as JSON.stringify does: a string, a finite number, or nothing. */
function isPlain(value: unknown): boolean {
  return (
    value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function isPlainList(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const entry of value) if (typeof entry !== 'string') return false;
  return true;
}

/**
 * The canonical JSON of a request without a response schema or tools (every request of a benchmark run), written
 * by JSON.stringify over an object whose keys are already in canonicalJson's order (sorted by UTF-16 code unit):
 * the same text, several times less CPU on the hot path (docs/decisions/0276). Undefined when some value is
 * not a string, a finite number or a list of strings: canonicalJson then writes it (or says why it cannot).
 */
function plainCanonicalJson(input: ResponseCacheKeyInput): string | undefined {
  const { model, request } = input;
  const { parameters, tools } = request;
  if (request.responseSchema !== undefined || (tools !== undefined && tools.length > 0)) return undefined;
  if (!isPlain(model.provider) || !isPlain(model.endpoint) || !isPlain(model.modelId)) return undefined;
  if (!isPlain(request.assistantPrefix) || !isPlain(input.sample)) return undefined;
  if (
    !isPlain(parameters.maxTokens) ||
    !isPlain(parameters.reasoningAllowanceTokens) ||
    !isPlain(parameters.reasoningEffort) ||
    !isPlain(parameters.seed) ||
    !isPlainList(parameters.stop) ||
    !isPlain(parameters.temperature) ||
    !isPlain(parameters.topP)
  ) {
    return undefined;
  }
  const messages: { content: string; role: string }[] = [];
  for (const message of request.messages) {
    if (!isPlain(message.content) || !isPlain(message.role)) return undefined;
    messages.push({ content: message.content, role: message.role });
  }
  const logLikelihood = input.logLikelihood;
  if (
    logLikelihood !== undefined &&
    (!isPlain(logLikelihood.context) || !isPlainList(logLikelihood.continuations))
  ) {
    return undefined;
  }
  // Keys in sorted order; JSON.stringify leaves out undefined properties, as canonicalJson does.
  return JSON.stringify({
    assistantPrefix: request.assistantPrefix,
    endpoint: model.endpoint,
    logLikelihood:
      logLikelihood === undefined
        ? undefined
        : { context: logLikelihood.context, continuations: logLikelihood.continuations },
    messages,
    modelId: model.modelId,
    parameters: {
      maxTokens: parameters.maxTokens,
      reasoningAllowanceTokens: parameters.reasoningAllowanceTokens,
      reasoningEffort: parameters.reasoningEffort,
      seed: parameters.seed,
      stop: parameters.stop,
      temperature: parameters.temperature,
      topP: parameters.topP,
    },
    provider: model.provider,
    // Stryker disable next-line ConditionalExpression: sample 0 and undefined are both left out
    sample: input.sample === 0 ? undefined : input.sample,
    tools: tools === undefined ? undefined : [],
  });
}

function generalCanonicalJson(input: ResponseCacheKeyInput): string {
  const { model, request } = input;
  // Pick each field by name: extra properties an object may carry at run time (an apiKey on a wider object)
  // never reach the hash.
  const parameters = request.parameters;
  return canonicalJson({
    provider: model.provider,
    endpoint: model.endpoint,
    modelId: model.modelId,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    parameters: {
      temperature: parameters.temperature,
      topP: parameters.topP,
      maxTokens: parameters.maxTokens,
      stop: parameters.stop,
      seed: parameters.seed,
      reasoningEffort: parameters.reasoningEffort,
      reasoningAllowanceTokens: parameters.reasoningAllowanceTokens,
    },
    assistantPrefix: request.assistantPrefix,
    responseSchema: request.responseSchema,
    tools: request.tools?.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
    // Stryker disable next-line ConditionalExpression: an undefined sample already maps to undefined (undefined !== 0 keeps it)
    sample: input.sample === undefined || input.sample === 0 ? undefined : input.sample,
    logLikelihood:
      input.logLikelihood === undefined
        ? undefined
        : { context: input.logLikelihood.context, continuations: [...input.logLikelihood.continuations] },
  });
}
