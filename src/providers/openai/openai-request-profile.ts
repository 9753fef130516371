import { APIError } from 'openai';

/** Tokens a reasoning model may think on top of the visible-answer budget, unless the request says. */
export const defaultReasoningAllowanceTokens = 8192;

/**
 * What one model's endpoint accepts, learned from its id and from the 400s it answers, shared by every request
 * to that model:
 * - `tokenField`: OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 …) refuse `max_tokens` and take
 *   `max_completion_tokens`, which counts reasoning and visible tokens together;
 * - `temperature`/`top_p`, `stop` and `seed` are left out once refused (reasoning models take only the default
 *   temperature 1 and no `stop`); stop strings are then applied on our side only;
 * - `reasoning`: the model thinks before it answers, so the token budget gets the reasoning allowance and stop
 *   strings are applied on our side only (vLLM and others match them inside the reasoning text otherwise).
 */
export class OpenAIRequestProfile {
  tokenField: 'max_tokens' | 'max_completion_tokens' = 'max_tokens';
  sendsSampling = true;
  sendsStop = true;
  sendsSeed = true;
  reasoning = false;
  /** What was changed, once each, in the order learned: shown by `probe` and kept with results. */
  readonly adaptations: string[] = [];

  constructor(options: { modelId: string; provider: string }) {
    if (isOpenAIReasoningModel(options.modelId)) {
      this.tokenField = 'max_completion_tokens';
      this.sendsSampling = false;
      this.sendsStop = false;
      this.reasoning = true;
    } else if (isDeepSeekReasoner(options.modelId)) {
      // api-docs.deepseek.com/guides/reasoning_model: max_tokens includes the chain of thought; temperature and
      // top_p "will not trigger an error but will also have no effect".
      this.sendsSampling = false;
      this.sendsStop = false;
      this.reasoning = true;
    }
  }

  private note(text: string): void {
    if (!this.adaptations.includes(text)) this.adaptations.push(text);
  }

  /** Marks the model as a reasoning model (seen thinking); returns true when that is news. */
  learnReasoning(): boolean {
    if (this.reasoning) return false;
    this.reasoning = true;
    this.sendsStop = false;
    this.note('reasoning model: stop strings applied on our side, budget + reasoning allowance');
    return true;
  }

  /**
   * Adapts to a 400 that refuses a parameter this profile sent; returns true when the request should be sent
   * again with the new profile. OpenAI names the field in `param` ("Unsupported parameter: 'max_tokens' is not
   * supported with this model. Use 'max_completion_tokens' instead."; "Unsupported value: 'temperature' does
   * not support 0 with this model. Only the default (1) value is supported.").
   */
  adaptTo(error: unknown, sent: Record<string, unknown>): boolean {
    if (!(error instanceof APIError) || error.status !== 400) return false;
    const message = `${error.message} ${typeof error.param === 'string' ? error.param : ''} ${String(error.code ?? '')}`;
    if (
      !/unsupported|not supported|does not support|only the default|not allowed|extra inputs/i.test(message)
    ) {
      return false;
    }
    const refuses = (field: string) =>
      error.param === field || new RegExp(`['"\`]${field}['"\`]`).test(error.message);
    if ('max_tokens' in sent && (refuses('max_tokens') || /max_completion_tokens/.test(message))) {
      this.tokenField = 'max_completion_tokens';
      this.note('max_tokens refused: max_completion_tokens sent');
      this.learnReasoning();
      return true;
    }
    if (('temperature' in sent && refuses('temperature')) || ('top_p' in sent && refuses('top_p'))) {
      this.sendsSampling = false;
      this.note('temperature/top_p refused: the server default sampling used');
      return true;
    }
    if ('stop' in sent && refuses('stop')) {
      this.sendsStop = false;
      this.note('stop refused: stop strings applied on our side');
      return true;
    }
    if ('seed' in sent && refuses('seed')) {
      this.sendsSeed = false;
      this.note('seed refused: not sent');
      return true;
    }
    return false;
  }
}

/**
 * OpenAI's reasoning families: o1, o3, o4-mini and their variants, gpt-5 and its variants except the
 * non-reasoning `gpt-5-chat-*`, codex models.
 */
export function isOpenAIReasoningModel(modelId: string): boolean {
  const id = modelId.toLowerCase().replace(/^.*\//, '');
  if (/^gpt-5(\.\d+)?-chat/.test(id)) return false;
  return /^(o\d+)(-|$)/.test(id) || /^gpt-5(\.\d+)?(-|$)/.test(id) || /^(gpt-5-)?codex/.test(id);
}

/** DeepSeek's reasoning model (`deepseek-reasoner`). */
export function isDeepSeekReasoner(modelId: string): boolean {
  return /deepseek-reasoner/i.test(modelId);
}

/**
 * Models served only by the Responses API: chat completions answer 404 "only supported in v1/responses"
 * (o1-pro, o3-pro, gpt-5-pro, gpt-5-codex, codex-mini …).
 */
export function isResponsesOnlyModel(modelId: string): boolean {
  const id = modelId.toLowerCase().replace(/^.*\//, '');
  return /^(o\d+|gpt-5(\.\d+)?)-pro(-|$)/.test(id) || /codex/.test(id) || /deep-research/.test(id);
}
